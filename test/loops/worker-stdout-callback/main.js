// rule: a worker's process.stdout.write(data, callback) keeps its callback; main prints after the worker exits
const { Worker } = require('node:worker_threads')
const { join } = require('node:path')

const worker = new Worker(join(__dirname, 'writer.js'))
worker.on('message', (m) => { process.stdout.write('') ; lastMessage = m })
let lastMessage
worker.on('exit', () => console.log('main: worker said', lastMessage))
