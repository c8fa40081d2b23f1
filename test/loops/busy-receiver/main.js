// rule: main blocks in Atomics.wait until its worker has posted, then computes for 300 ms more: the worker's message waits for main's one long task, and is heard only after it
const { Worker } = require('node:worker_threads')
const { join } = require('node:path')

const flag = new Int32Array(new SharedArrayBuffer(4))
const worker = new Worker(join(__dirname, 'poster.js'), { workerData: flag })
worker.on('message', (m) => {
  console.log('main heard', m)
  worker.terminate()
})
setTimeout(() => {
  // one long synchronous task: wait until the worker has posted, then keep the thread busy
  Atomics.wait(flag, 0, 0)
  const until = Date.now() + 300
  while (Date.now() < until);
  console.log('main done computing')
}, 0)
