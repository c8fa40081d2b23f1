// fastq (CommonJS, standard style, a queue built from reused objects and `this` binding): runs the package's own
// example.js and example.mjs, then the readme's examples (callback API, promise API, "setting this") and the rest of
// its API with timers, printing from the workers and callbacks.
'use strict'

const fastq = require('../.work/vendor/fastq/queue.js')

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function main () {
  console.log('--- example.js')
  require('../.work/vendor/fastq/example.js')
  console.log('(example.js returned)')
  console.log('--- example.mjs')
  await import('../.work/vendor/fastq/example.mjs')

  console.log('--- readme: callback API and "this"')
  await new Promise((resolve) => {
    const that = { hello: 'world' }
    const queue = fastq(that, function worker (arg, cb) {
      console.log('  worker this', this)
      cb(null, arg * 2)
    }, 1)
    queue.push(42, function (err, result) {
      if (err) { throw err }
      console.log('  done this', this === that ? 'is that' : this)
      console.log('  the result is', result)
      resolve()
    })
    console.log('  pushed (worker ran synchronously)')
  })

  console.log('--- readme: promise API')
  {
    const queue = fastq.promise(async (arg) => arg * 2, 1)
    const result = await queue.push(42)
    console.log('  the result is', result)
  }

  console.log('--- concurrency, saturated, empty, drain, unshift, pause/resume')
  await new Promise((resolve) => {
    // a is the slow one: it ends 5 ms after c has (a timer racing the others would be up to the machine's load)
    let cEnded
    const afterC = new Promise((resolve) => { cEnded = resolve })
    const queue = fastq((task, cb) => {
      console.log(`  start ${task.name} (running ${queue.running()}, waiting ${queue.length()})`)
      const end = () => {
        console.log(`  end ${task.name}`)
        if (task.name === 'c') cEnded()
        cb(task.fail ? new Error(`${task.name} failed`) : null, task.name)
      }
      if (task.name === 'a') afterC.then(() => setTimeout(end, 5))
      else setTimeout(end, task.ms)
    }, 2)
    queue.saturated = () => console.log('  saturated')
    queue.empty = () => console.log('  empty')
    queue.drain = () => {
      console.log(`  drain (idle ${queue.idle()})`)
      resolve()
    }
    queue.error((err, task) => { if (err) console.log(`  error handler: ${task.name}: ${err.message}`) })
    const done = (err, result) => console.log(`  callback ${result}${err ? ' with ' + err.message : ''}`)
    queue.pause()
    queue.push({ name: 'a', ms: 40 }, done)
    queue.push({ name: 'b', ms: 5 }, done)
    queue.push({ name: 'c', ms: 5, fail: true }, done)
    queue.unshift({ name: 'first', ms: 1 }, done)
    console.log(`  paused ${queue.paused}, queued: ${queue.getQueue().map((t) => t.name).join(',')}`)
    setImmediate(() => queue.resume())
  })

  console.log('--- promise queue: drained(), rejection, kill, concurrency at runtime')
  {
    const queue = fastq.promise(async (n) => {
      console.log(`  work ${n} (running ${queue.running()})`)
      await sleep(n)
      if (n === 13) throw new Error('unlucky')
      return n
    }, 1)
    const results = [30, 13, 5].map((n) => queue.push(n).then((v) => `ok ${v}`, (e) => `rejected ${e.message}`))
    queue.concurrency = 3
    console.log(`  concurrency now ${queue.concurrency}`)
    await queue.drained()
    console.log('  drained', (await Promise.all(results)).join(', '))
    const killed = fastq.promise(async (n) => { await sleep(1); return n }, 1)
    killed.push(1).then((v) => console.log(`  the running one finishes: ${v}`))
    killed.push(2).then((v) => console.log(`  never: ${v}`))
    killed.drain = () => console.log('  killAndDrain calls drain')
    killed.killAndDrain()
    console.log(`  after killAndDrain: length ${killed.length()}`)
    await sleep(100)
  }
  console.log('done')
}

main()
