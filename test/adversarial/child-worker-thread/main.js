// rule: a worker_threads Worker of a sibling file runs, prints, posts a message and exits as untraced
const { Worker } = require('node:worker_threads')
const { join } = require('node:path')

const w = new Worker(join(__dirname, 'worker.js'), { workerData: { n: 4 } })
w.on('message', (m) => console.log('main got', m))
w.on('exit', (code) => console.log('worker exit', code))
