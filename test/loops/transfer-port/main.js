// rule: main sends a MessagePort to a running worker with postMessage's transfer list; the worker answers on it
const { Worker, MessageChannel } = require('node:worker_threads')
const { join } = require('node:path')

const worker = new Worker(join(__dirname, 'answerer.js'))
const { port1, port2 } = new MessageChannel()
worker.postMessage({ replyTo: port2, question: 6 }, [port2])
port1.on('message', (answer) => {
  console.log('answer on the transferred port', answer)
  port1.close()
  worker.terminate().then((code) => console.log('terminated with', code))
})
