// p-queue (ESM, classes with private fields and methods, extends eventemitter3): the readme's "advanced example",
// then events, priorities, pause/start, timeouts, abort signals and a rate limit, printing as things happen.
import PQueue, { TimeoutError } from '../.work/vendor/p-queue/dist/index.js'

const delay = (ms, value) => new Promise(resolve => setTimeout(resolve, ms, value))

// --- the readme's advanced example (delay(200) as in the readme; `delay` is a timer promise here)
{
  const queue = new PQueue({ concurrency: 1 })
  const done = [];

  (async () => {
    await delay(200)
    console.log(`8. Pending promises: ${queue.pending}`);
    (async () => {
      await queue.add(async () => '🐙')
      console.log('11. Resolved')
    })()
    console.log('9. Added 🐙')
    console.log(`10. Pending promises: ${queue.pending}`)
    await queue.onIdle()
    console.log('12. All work is done')
  })()

  done.push((async () => {
    await queue.add(async () => '🦄')
    console.log('5. Resolved')
  })())
  console.log('1. Added 🦄')

  done.push((async () => {
    await queue.add(async () => '🐴')
    console.log('6. Resolved')
  })())
  console.log('2. Added 🐴')

  done.push((async () => {
    await queue.onEmpty()
    console.log('7. Queue is empty')
  })())

  console.log(`3. Queue size: ${queue.size}`)
  console.log(`4. Pending promises: ${queue.pending}`)
  await Promise.all(done)
  await delay(400)
}

// --- events and priorities: concurrency 2, every event printed when it fires
{
  console.log('--- events')
  const queue = new PQueue({ concurrency: 2, autoStart: false })
  for (const name of ['add', 'active', 'next', 'completed', 'error', 'empty', 'idle', 'pendingZero']) {
    queue.on(name, (...args) => console.log(`  event ${name}${args.length ? ' ' + JSON.stringify(args[0]) : ''} size=${queue.size} pending=${queue.pending}`))
  }
  const job = (name, ms, fail) => async () => {
    console.log(`  start ${name}`)
    await delay(ms)
    if (fail) throw new Error(`${name} failed`)
    console.log(`  end ${name}`)
    return name
  }
  const results = [
    queue.add(job('low', 1), { priority: 0 }),
    queue.add(job('high', 1), { priority: 5 }),
    queue.add(job('mid', 1), { priority: 2, id: 'mid' }),
    queue.add(job('bad', 1, true), { priority: 1 }),
    queue.add(() => 'sync value', { priority: -1 })
  ]
  queue.setPriority('mid', 10)
  console.log(`  before start: size=${queue.size} sizeBy(priority 0)=${queue.sizeBy({ priority: 0 })} paused=${queue.isPaused}`)
  queue.start()
  console.log(`  after start: size=${queue.size} pending=${queue.pending} saturated=${queue.isSaturated}`)
  const settled = await Promise.allSettled(results)
  console.log('  settled', settled.map(s => s.status === 'fulfilled' ? s.value : s.reason.message).join(', '))
  await queue.onIdle()
  console.log('  idle')
  queue.removeAllListeners()
}

// --- pause, start, onSizeLessThan, addAll, clear
{
  console.log('--- pause and start')
  const queue = new PQueue({ concurrency: 1 })
  const order = []
  const adding = queue.addAll([1, 2, 3, 4].map(n => async () => {
    order.push(n)
    console.log(`  run ${n} (size ${queue.size})`)
    if (n === 2) queue.pause()
    await delay(1)
    return n * 10
  }))
  queue.onSizeLessThan(2).then(() => console.log(`  size below 2 (order ${order.join(',')})`))
  await new Promise(resolve => queue.on('completed', function second (result) {
    if (result !== 20) return
    queue.off('completed', second)
    resolve()
  }))
  console.log(`  task 2 completed: paused=${queue.isPaused} size=${queue.size} order=${order.join(',')}`)
  queue.start()
  console.log('  addAll ->', (await adding).join(','))
  queue.add(() => console.log('  runs at once: the queue is not paused'))
  queue.pause()
  queue.add(() => console.log('  never runs: cleared while paused'))
  console.log(`  before clear: size=${queue.size}`)
  queue.clear()
  console.log(`  after clear: size=${queue.size}`)
}

// --- timeouts and abort signals
{
  console.log('--- timeouts and aborts')
  const queue = new PQueue({ concurrency: 2, timeout: 300 })
  const slow = queue.add(() => new Promise(() => {})).catch(error => { // never settles: times out
    console.log(`  slow: ${error instanceof TimeoutError ? 'TimeoutError' : error.name} ${error.message}`)
  })
  const fast = queue.add(() => delay(1, 'fast')).then(v => console.log(`  fast: ${v}`))
  const controller = new AbortController()
  const aborted = queue.add(({ signal }) => new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason))
  }), { signal: controller.signal, timeout: undefined }).catch(error => console.log(`  aborted: ${error.name} ${error.message}`))
  const never = new AbortController()
  never.abort(new Error('aborted before it started'))
  const early = queue.add(() => 'x', { signal: never.signal }).catch(error => console.log(`  early: ${error.message}`))
  setTimeout(() => controller.abort(new Error('stop now')), 100)
  await Promise.all([slow, fast, aborted, early])
  await queue.onIdle()
  console.log(`  idle, pending=${queue.pending}`)
}

// --- a rate limit: 2 per 50 ms
{
  console.log('--- rate limit')
  const queue = new PQueue({ intervalCap: 2, interval: 50 })
  queue.on('rateLimit', () => console.log(`  rateLimit size=${queue.size}`))
  queue.on('rateLimitCleared', () => console.log('  rateLimitCleared'))
  const runs = []
  for (let i = 1; i <= 5; i++) {
    runs.push(queue.add(() => {
      console.log(`  task ${i}`)
      return i
    }))
  }
  console.log('  results', (await Promise.all(runs)).join(','))
  await queue.onIdle()
}
console.log('done')
