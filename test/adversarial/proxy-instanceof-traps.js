// rule: instanceof on a Proxy of a class fires exactly the traps it fires untraced
const log = []
class Base {}
const P = new Proxy(Base, {
  get (t, k) { log.push('get ' + String(k)); return Reflect.get(t, k) },
  getPrototypeOf (t) { log.push('getPrototypeOf'); return Reflect.getPrototypeOf(t) },
})
const inst = new Proxy(new Base(), {
  getPrototypeOf (t) { log.push('inst getPrototypeOf'); return Reflect.getPrototypeOf(t) },
})

async function main () {
  const r1 = inst instanceof P
  await null
  const r2 = {} instanceof P
  console.log(r1, r2)
  console.log(log.join('\n'))
}

main()
