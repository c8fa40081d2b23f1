// rule: a worker given its own execArgv and env sees exactly those (no tracer flag) and answers after an await
const { Worker } = require('node:worker_threads')
const { join } = require('node:path')

const worker = new Worker(join(__dirname, 'flags.js'), { execArgv: ['--no-warnings'], env: { ROLE: 'checker' } })
worker.on('message', (m) => console.log('worker says:', m))
