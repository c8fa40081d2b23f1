// rule: a worker starts its own worker; the inner one's answer travels back through the outer one
const { Worker } = require('node:worker_threads')
const { join } = require('node:path')

const outer = new Worker(join(__dirname, 'outer.js'), { workerData: { depth: 1 } })
outer.on('message', (m) => console.log('main got:', m))
outer.on('exit', (code) => console.log('outer exit', code))
