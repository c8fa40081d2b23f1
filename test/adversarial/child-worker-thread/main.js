// rule: a worker_threads Worker of a sibling file runs, prints, posts a message and exits as untraced
const { Worker } = require('node:worker_threads')
const { join } = require('node:path')

// the worker's output and its messages travel on different ports: print what the main thread got once it exited
const got = []
const w = new Worker(join(__dirname, 'worker.js'), { workerData: { n: 4 } })
w.on('message', (m) => got.push(m))
w.on('exit', (code) => console.log('main got', got.join(','), 'worker exit', code))
