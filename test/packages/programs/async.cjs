// async (CommonJS, its UMD build dist/async.js: callbacks, setImmediate/nextTick deferral, AsyncFunction detection by
// Symbol.toStringTag): the readme's two examples on real files and timers, then the control flow functions, printing
// from the callbacks as they run.
'use strict'

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const async = require('../.work/vendor/async/dist/async.js')

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopscope-async-'))
for (const [name, value] of Object.entries({ dev: { port: 1 }, test: { port: 2 }, prod: { port: 3 } })) {
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(value))
}
fs.writeFileSync(path.join(dir, 'broken.json'), '{ not json')

const steps = []

steps.push((next) => {
  // readme: forEachOf over fs.readFile (completion order of the reads is the disk's: only the result is printed)
  const obj = { dev: '/dev.json', test: '/test.json', prod: '/prod.json' }
  const configs = {}
  async.forEachOf(obj, (value, key, callback) => {
    fs.readFile(dir + value, 'utf8', (err, data) => {
      if (err) return callback(err)
      try {
        configs[key] = JSON.parse(data)
      } catch (e) {
        return callback(e)
      }
      callback()
    })
  }, (err) => {
    if (err) console.error(err.message)
    console.log('configs', JSON.stringify(configs, Object.keys(configs).sort().concat('port')))
    async.forEachOf({ broken: '/broken.json' }, (value, key, callback) => {
      fs.readFile(dir + value, 'utf8', (err, data) => {
        if (err) return callback(err)
        try { JSON.parse(data) } catch (e) { return callback(e) }
        callback()
      })
    }, (err) => {
      console.log('broken:', err && err.name)
      next()
    })
  })
})

steps.push((next) => {
  // readme: mapLimit with an ES2017 async function (async recognises it and does not pass a callback)
  const urls = ['a', 'b', 'c', 'd', 'e']
  let running = 0
  let eStarted
  const e = new Promise((resolve) => { eStarted = resolve })
  async.mapLimit(urls, 2, async function (url) {
    running++
    console.log(`  fetch ${url} (running ${running})`)
    if (url === 'e') eStarted()
    // 'a' is the slow one: it finishes once 'e' has started; the others take 5 ms each
    await (url === 'a' ? e : new Promise((resolve) => setTimeout(resolve, 5)))
    running--
    return `body of ${url}`
  }, (err, results) => {
    if (err) throw err
    console.log('mapLimit', results)
    next()
  })
})

steps.push((next) => {
  console.log('--- series, parallel, waterfall')
  async.series([
    (cb) => setTimeout(() => { console.log('  series one'); cb(null, 1) }, 20),
    (cb) => setImmediate(() => { console.log('  series two'); cb(null, 2) }),
    async () => { await null; console.log('  series three (async function)'); return 3 }
  ], (err, results) => {
    console.log('  series done', err, results)
    async.parallel({
      slow: (cb) => setTimeout(() => { console.log('  parallel slow'); cb(null, 'S') }, 200),
      fast: (cb) => setTimeout(() => { console.log('  parallel fast'); cb(null, 'F') }, 1),
      tick: (cb) => process.nextTick(() => { console.log('  parallel nextTick'); cb(null, 'T') })
    }, (err, results) => {
      console.log('  parallel done', err, JSON.stringify(results))
      async.waterfall([
        (cb) => cb(null, 'one', 'two'),
        (a, b, cb) => setImmediate(cb, null, `${a}+${b}`),
        async (ab) => `${ab}+three`
      ], (err, result) => {
        console.log('  waterfall', err, result)
        next()
      })
    })
  })
})

steps.push((next) => {
  console.log('--- queue')
  // foo is the slow one: it finishes 5 ms after bad has (a timer racing the others would be up to the machine's load)
  let badDone
  const afterBad = new Promise((resolve) => { badDone = resolve })
  const q = async.queue((task, callback) => {
    console.log(`  worker ${task.name} (running ${q.running()}, waiting ${q.length()})`)
    const finish = () => {
      if (task.name === 'bad') badDone()
      callback(task.name === 'bad' ? new Error('bad task') : null, task.name.toUpperCase())
    }
    if (task.name === 'foo') afterBad.then(() => setTimeout(finish, 5))
    else setTimeout(finish, task.ms)
  }, 2)
  q.drain(() => {
    console.log('  drain')
    q.kill()
    next()
  })
  q.saturated(() => console.log('  saturated'))
  q.empty(() => console.log('  empty'))
  q.error((err, task) => console.log(`  error handler: ${task.name} ${err.message}`))
  q.push({ name: 'foo', ms: 30 }, (err, result) => console.log('  finished foo', err, result))
  q.push([{ name: 'bar', ms: 5 }, { name: 'bad', ms: 5 }], (err, result) => console.log('  finished one of bar/bad', err && err.message, result))
  q.unshift({ name: 'urgent', ms: 1 })
  console.log(`  pushed: length ${q.length()}, started ${q.started}, idle ${q.idle()}`)
})

steps.push((next) => {
  console.log('--- auto, retry, whilst, each with an early error')
  async.auto({
    getData: (cb) => { console.log('  auto getData'); setTimeout(cb, 20, null, 'data') },
    makeFolder: (cb) => { console.log('  auto makeFolder'); setImmediate(cb, null, 'folder') },
    writeFile: ['getData', 'makeFolder', (results, cb) => {
      console.log('  auto writeFile with', results.getData, results.makeFolder)
      cb(null, 'file')
    }],
    emailLink: ['writeFile', async (results) => {
      console.log('  auto emailLink after', results.writeFile)
      return 'sent'
    }]
  }, (err, results) => {
    console.log('  auto done', err, JSON.stringify(results))
    let attempts = 0
    async.retry({ times: 4, interval: 2 }, (cb) => {
      attempts++
      console.log(`  retry attempt ${attempts}`)
      cb(attempts < 3 ? new Error(`attempt ${attempts} failed`) : null, attempts)
    }, (err, result) => {
      console.log('  retry result', err, result)
      let count = 0
      async.whilst(
        (cb) => cb(null, count < 3),
        (cb) => { count++; console.log(`  whilst ${count}`); setImmediate(cb) },
        (err) => {
          console.log('  whilst done', err, count)
          async.each([1, 2, 3, 4], (n, cb) => {
            console.log(`  each ${n}`)
            setTimeout(() => cb(n === 2 ? new Error('two is bad') : null), n * 10)
          }, (err) => {
            console.log('  each done:', err && err.message)
            setTimeout(next, 50) // the rest of each's callbacks run, and are ignored
          })
        })
    })
  })
})

steps.push((next) => {
  console.log('--- promises, ensureAsync, memoize, timeout, deferral')
  async.mapSeries([3, 1, 2], async (n) => { await null; return n * 2 })
    .then((result) => {
      console.log('  mapSeries promise', result)
      const memo = async.memoize((n, cb) => { console.log(`  computing ${n}`); setImmediate(cb, null, n * n) })
      memo(4, (_e, a) => memo(4, (_e2, b) => {
        console.log('  memoized', a, b)
        const sync = async.ensureAsync((cb) => cb(null, 'deferred'))
        sync((_e3, v) => console.log('  ensureAsync callback', v))
        console.log('  after calling ensureAsync')
        const slow = async.timeout((cb) => setTimeout(cb, 200, null, 'too late'), 20, { info: 'slow' })
        slow((err, v) => {
          console.log('  timeout:', err && err.code, err && JSON.stringify(err.info), v)
          async.setImmediate(() => console.log('  async.setImmediate'))
          async.nextTick(() => console.log('  async.nextTick'))
          Promise.resolve().then(() => console.log('  a microtask'))
          setTimeout(next, 250)
        })
      }))
    })
})

async.series(steps, () => {
  fs.rmSync(dir, { recursive: true, force: true })
  console.log('done')
})
