// p-limit (ESM, closures and arrow functions, a queue of promise resolvers): the readme's usage with timers in place
// of fetch, then activeCount/pendingCount as they change, limit.map, clearQueue with rejectOnClear, a concurrency
// raised on the fly and limitFunction.
import pLimit, { limitFunction } from '../.work/vendor/p-limit/index.js'

const delay = (ms, value) => new Promise(resolve => setTimeout(resolve, ms, value))
const tick = () => new Promise(resolve => setImmediate(resolve))

// --- the readme: only one promise is run at once
{
  const limit = pLimit(1)
  const fetchSomething = async (what) => {
    console.log(`  fetch ${what} (active ${limit.activeCount}, pending ${limit.pendingCount})`)
    await delay(2)
    return what.toUpperCase()
  }
  const input = [
    limit(() => fetchSomething('foo')),
    limit(() => fetchSomething('bar')),
    limit(() => doSomething())
  ]
  async function doSomething () {
    await tick()
    console.log('  doSomething')
    return 'done'
  }
  console.log(`queued: active ${limit.activeCount}, pending ${limit.pendingCount}`)
  const result = await Promise.all(input)
  console.log('readme result', result)
}

// --- concurrency 2: who starts when, in microtask order
{
  console.log('--- concurrency 2')
  const limit = pLimit(2)
  const job = (name, steps) => limit(async (...args) => {
    console.log(`  start ${name} args=${JSON.stringify(args)} active=${limit.activeCount} pending=${limit.pendingCount}`)
    for (let i = 0; i < steps; i++) await null
    console.log(`  end ${name} after ${steps} microtasks`)
    return name
  })
  const all = [job('a', 3), job('b', 1), job('c', 0), job('d', 2)]
  Promise.resolve().then(() => console.log('  a microtask queued after the jobs'))
  console.log('  finished', (await Promise.all(all)).join(','))
  const mapped = await limit.map([1, 2, 3, 4, 5], async (n, index) => {
    await delay(n % 2)
    console.log(`  map ${n} at ${index}`)
    return n * n
  })
  console.log('  limit.map', mapped.join(','))
}

// --- errors, clearQueue, rejectOnClear, and a concurrency change
{
  console.log('--- errors and clearing')
  const limit = pLimit({ concurrency: 1, rejectOnClear: true })
  const results = [
    limit(async () => { await delay(30); throw new Error('first failed') }),
    limit(() => 'second'),
    limit(() => 'third')
  ].map((p, i) => p.then(v => console.log(`  #${i} ok ${v}`), e => console.log(`  #${i} rejected ${e.name}: ${e.message}`)))
  await null
  console.log(`  before clearQueue: active=${limit.activeCount} pending=${limit.pendingCount}`)
  limit.clearQueue()
  console.log(`  after clearQueue: pending=${limit.pendingCount}`)
  await Promise.all(results)

  const wide = pLimit(1)
  const starts = []
  let firstStarted
  const started = new Promise(resolve => { firstStarted = resolve })
  const jobs = [1, 2, 3, 4].map(n => wide(async () => {
    starts.push(n)
    console.log(`  wide job ${n} started (active ${wide.activeCount})`)
    firstStarted()
    await delay(50)
  }))
  await started
  wide.concurrency = 3
  console.log(`  concurrency now ${wide.concurrency}`)
  await Promise.all(jobs)
  console.log('  start order', starts.join(','))
}

// --- limitFunction
{
  console.log('--- limitFunction')
  let running = 0
  const limited = limitFunction(async (name) => {
    running++
    console.log(`  ${name} running=${running}`)
    await delay(1)
    running--
    return `${name}!`
  }, { concurrency: 2 })
  console.log('  results', (await Promise.all(['x', 'y', 'z'].map(n => limited(n)))).join(' '))
}
console.log('done')
