// rule: two workers cooperate only through a MessageChannel (producer and consumer); main hands out the ports
const { Worker, MessageChannel } = require('node:worker_threads')
const { join } = require('node:path')

const { port1, port2 } = new MessageChannel()
const producer = new Worker(join(__dirname, 'producer.js'), { workerData: { port: port1, count: 6 }, transferList: [port1] })
const consumer = new Worker(join(__dirname, 'consumer.js'), { workerData: { port: port2 }, transferList: [port2] })
consumer.on('message', (total) => console.log('consumer:', total))
let exited = 0
const onExit = (name) => (code) => {
  if (++exited === 2) console.log('both workers done')
}
producer.on('exit', onExit('producer'))
consumer.on('exit', onExit('consumer'))
