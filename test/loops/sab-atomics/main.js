// rule: a SharedArrayBuffer hand-off: the worker waits with Atomics.wait until main stores a value and notifies
const { Worker } = require('node:worker_threads')
const { join } = require('node:path')

const shared = new Int32Array(new SharedArrayBuffer(8))
const worker = new Worker(join(__dirname, 'waiter.js'), { workerData: shared })
worker.once('message', (m) => {
  // the worker is about to wait: hand it the value
  if (m !== 'waiting') throw new Error('unexpected ' + m)
  Atomics.store(shared, 1, 42)
  Atomics.store(shared, 0, 1)
  Atomics.notify(shared, 0)
  worker.once('message', (reply) => console.log('worker read', reply))
})
worker.on('exit', (code) => console.log('waiter exit', code))
