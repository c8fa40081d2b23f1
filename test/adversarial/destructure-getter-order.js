// rule: destructuring reads each source property once and evaluates defaults only when undefined, in order
const log = []
const src = {
  get a () { log.push('get a'); return 1 },
  get b () { log.push('get b'); return undefined },
  get c () { log.push('get c'); return [3, 4] },
}
const target = {
  set x (v) { log.push('set x ' + v) },
  set y (v) { log.push('set y ' + v) },
}
function def (n) { log.push('default ' + n); return n }

async function main () {
  await null
  ;({ a: target.x, b: target.y = def(2), c: [, target.x] } = src)
  const { a, b = def(9) } = src
  log.push(`a=${a} b=${b}`)
  console.log(log.join('\n'))
}

main()
