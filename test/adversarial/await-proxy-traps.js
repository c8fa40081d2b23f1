// rule: awaiting a Proxy (await p, return p from async, for await over [p]) fires only the 'then' lookups it fires untraced
const log = []
const handler = {}
for (const t of ['get', 'has', 'getPrototypeOf', 'getOwnPropertyDescriptor', 'ownKeys']) handler[t] = (...a) => { log.push(t + (typeof a[1] === 'string' ? ' ' + a[1] : a[1] ? ' ' + String(a[1]) : '')); return Reflect[t](...a) }
const p = new Proxy({ v: 1 }, handler)
async function ret () { return p }
async function main () {
  const a = await p
  const b = await ret()
  const c = await Promise.resolve(p)
  for await (const x of [p]) log.push('loop ' + (x === p))
  console.log(a === p, b === p, c === p)
  console.log(log.join(', '))
}
main()
