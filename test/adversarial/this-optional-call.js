// rule: a?.b(), a.b?.(), a?.b.c() and (a?.b)() keep this; optional calls on null short-circuit
'use strict'
const a = { name: 'a', b () { return this?.name ?? 'no this' }, inner: { name: 'inner', c () { return this.name } } }
const none = null

async function main () {
  await null
  const out = [
    a?.b(),
    a.b?.(),
    a?.inner.c(),
    (a?.b)(),
    a?.['b'](),
    none?.b(),
    a.missing?.(),
  ]
  console.log(out.map(String).join(' '))
}

main()
