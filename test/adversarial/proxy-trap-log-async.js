// rule: every Proxy trap fires exactly as untraced for reads, writes, calls, in, delete and keys in async code
const log = []
const handler = {}
for (const trap of ['get', 'set', 'has', 'deleteProperty', 'ownKeys', 'getOwnPropertyDescriptor', 'defineProperty', 'apply']) {
  handler[trap] = (...args) => {
    log.push(trap + (typeof args[1] === 'string' ? ' ' + args[1] : ''))
    return Reflect[trap](...args)
  }
}
const p = new Proxy({ a: 1, fn () { return this === p } }, handler)

async function main () {
  const x = p.a
  p.b = x + 1
  await null
  const inside = 'a' in p
  delete p.a
  const keys = Object.keys(p)
  const called = p.fn()
  p.b++
  console.log(log.join('\n'))
  console.log(x, inside, keys.join(','), called)
}

main()
