// rule: receiveMessageOnPort takes messages synchronously from a port that a worker filled
const { Worker, MessageChannel, receiveMessageOnPort } = require('node:worker_threads')
const { join } = require('node:path')

const { port1, port2 } = new MessageChannel()
const worker = new Worker(join(__dirname, 'filler.js'), { workerData: port2, transferList: [port2] })
worker.on('exit', () => {
  const got = []
  let m
  while ((m = receiveMessageOnPort(port1)) !== undefined) got.push(m.message)
  console.log('received synchronously:', got.join(','))
  port1.close()
})
