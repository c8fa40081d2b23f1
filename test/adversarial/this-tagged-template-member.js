// rule: a.b`tpl` and a['b']`tpl` call the tag with this = a; the strings array is the same object each call
'use strict'
const seen = new Set()
const a = {
  name: 'a',
  b (strings, ...vals) { seen.add(strings); return (this?.name ?? 'none') + ':' + strings.raw.join('|') + ':' + vals.join(',') },
}

async function main () {
  const out = []
  for (let i = 0; i < 2; i++) {
    await null
    out.push(a.b`x${i}y\n`)
  }
  out.push(a['b']`z`)
  out.push((0, a.b)`w`)
  console.log(out.join(' '), 'distinct strings objects', seen.size)
}

main()
