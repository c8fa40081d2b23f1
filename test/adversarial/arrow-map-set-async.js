// rule: m.set(k, () => x) and obj.list.push(async () => y) inside async functions
const handlers = new Map()
const queue = { list: [] }

async function register (k, v) {
  handlers.set(k, () => v * 2)
  await null
  queue.list.push(async () => k + v)
  handlers.set(k + '!', x => x + v)
}

async function main () {
  await register('a', 1)
  await register('b', 2)
  const outs = []
  for (const [k, f] of handlers) outs.push(k + '=' + f(10))
  for (const f of queue.list) outs.push(await f())
  console.log(outs.join(' '))
}

main()
