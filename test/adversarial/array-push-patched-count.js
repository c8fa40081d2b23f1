// rule: a program that patches Array.prototype.push, Map.prototype.set and Function.prototype.apply sees only its own calls
// known difference (Node 20, 22, 24): Function.prototype.apply is called by Node itself (callbackTrampoline in node:internal/async_hooks, used for native callbacks once an async hook with before/after is enabled), so a program that patches apply counts those calls; push and set count only the program's own
let pushes = 0
let sets = 0
let applies = 0
const push = Array.prototype.push
const set = Map.prototype.set
const apply = Function.prototype.apply
Array.prototype.push = function (...a) { pushes++; return push.call(this, ...a) }
Map.prototype.set = function (k, v) { sets++; return set.call(this, k, v) }
Function.prototype.apply = function (t, a) { applies++; return Reflect.apply(this, t, a) }

const list = []
const m = new Map()
async function work (i) {
  list.push(i)
  await null
  m.set(i, i)
  return new Promise(resolve => setImmediate(resolve))
}

Promise.all([work(1), work(2)]).then(() => {
  const counts = [pushes, sets, applies]
  Array.prototype.push = push
  Map.prototype.set = set
  Function.prototype.apply = apply
  console.log('push', counts[0], 'set', counts[1], 'apply', counts[2])
})
