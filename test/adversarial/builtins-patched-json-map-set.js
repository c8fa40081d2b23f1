// rule: a program that patches JSON, Map, Set, WeakMap and WeakSet methods counts only its own calls (the tracer records sites, race accesses and output with its own copies)
const counts = {}
const patch = (obj, name, label) => {
  const original = obj[name]
  counts[label] = 0
  obj[name] = function (...a) { counts[label]++; return Reflect.apply(original, this, a) }
  return () => { obj[name] = original }
}
const restore = [
  patch(JSON, 'stringify', 'JSON.stringify'),
  patch(JSON, 'parse', 'JSON.parse'),
  patch(Map.prototype, 'get', 'Map#get'),
  patch(Map.prototype, 'set', 'Map#set'),
  patch(Map.prototype, 'has', 'Map#has'),
  patch(Set.prototype, 'has', 'Set#has'),
  patch(Set.prototype, 'add', 'Set#add'),
  patch(WeakMap.prototype, 'get', 'WeakMap#get'),
  patch(WeakMap.prototype, 'set', 'WeakMap#set'),
  patch(WeakSet.prototype, 'add', 'WeakSet#add'),
]

const stock = { apples: 3 }
const cache = new Map()
let served = 0

async function order (name) {
  const left = stock.apples
  await null
  stock.apples = left - 1
  served++
  if (!cache.has(name)) cache.set(name, JSON.stringify({ name, left }))
  console.log(name, JSON.parse(cache.get(name)).left)
}

Promise.all([order('ann'), order('bob')]).then(() => {
  const seen = { ...counts }
  for (const r of restore) r()
  console.log(served, stock.apples, JSON.stringify(seen))
})
