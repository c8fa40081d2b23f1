const cache = new Map()
const seen = new Set()
let reads = 0
const holder = { get m () { reads++; return cache } }
async function load (k) {
  if (!cache.has(k)) {
    await null
    cache.set(k, () => k)
  }
  seen.add(k)
  holder.m.has(k)
  return cache.get(k)()
}
Promise.all([load('a'), load('a'), load('b')]).then((v) => log(v, [...seen], reads, cache.size))
