// rule: a.b += 1 runs the getter once and the setter once, also when the right side awaits
const log = []
let v = 10
const a = {
  get b () { log.push('get'); return v },
  set b (x) { log.push('set ' + x); v = x },
}

async function main () {
  a.b += 1
  a.b *= 2
  await null
  a.b += await Promise.resolve(3)
  a.b **= 1
  a.b -= a.b
  console.log(log.join(','), v)
}

main()
