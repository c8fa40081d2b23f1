// rule: a[k]() and a[f()]() keep this, with the key evaluated once, in async code
'use strict'
let keys = 0
const a = { name: 'a', run () { return this.name } }
const key = () => { keys++; return 'run' }

async function main () {
  const k = 'run'
  const r1 = a[k]()
  await null
  const r2 = a[key()]()
  const r3 = await a[key()]()
  console.log(r1, r2, r3, 'keys', keys)
}

main()
