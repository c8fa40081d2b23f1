// rule: an error thrown in a worker after an await reaches the main thread's 'error' listener; the exit code is 1
const { Worker } = require('node:worker_threads')
const { join } = require('node:path')

const worker = new Worker(join(__dirname, 'thrower.js'))
worker.on('error', (err) => console.log('worker error:', err.message))
worker.on('exit', (code) => console.log('worker exit', code))
