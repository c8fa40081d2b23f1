// rule: instanceof a Proxy class and reads and writes of a Proxy state object in racing coroutines fire the same traps
const log = []
class Base {}
const P = new Proxy(Base, { get (t, k) { log.push('get ' + String(k)); return Reflect.get(t, k) }, getPrototypeOf (t) { log.push('gpo'); return Reflect.getPrototypeOf(t) } })
const state = new Proxy({ items: [] }, { get (t, k) { log.push('state get ' + String(k)); return Reflect.get(t, k) }, set (t, k, v) { log.push('state set ' + String(k)); return Reflect.set(t, k, v) } })
let shared = new Base()
async function check () {
  const before = shared instanceof P
  await null
  state.items.push(before)
  state.count = (state.count || 0) + 1
  if (!(shared instanceof P)) state.items = []
  return before
}
async function main () {
  await Promise.all([check(), check()])
  shared = {}
  console.log(log.join(', '))
}
main()
