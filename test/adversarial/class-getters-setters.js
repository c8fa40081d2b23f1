// rule: class getters and setters (instance and static) called exactly as untraced from async code
const log = []
class Temp {
  #c = 0
  static #count = 0
  get c () { log.push('get c'); return this.#c }
  set c (v) { log.push('set c ' + v); this.#c = v }
  static get count () { log.push('get count'); return Temp.#count }
  static set count (v) { log.push('set count ' + v); Temp.#count = v }
}

async function main () {
  const t = new Temp()
  t.c = 5
  await null
  t.c++
  Temp.count += 2
  const { c } = t
  log.push('c=' + c + ' count=' + Temp.count)
  console.log(log.join(', '))
}

main()
