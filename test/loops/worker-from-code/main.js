// rule: a worker made from a code string (eval: true) runs an async function and posts its result
const { Worker } = require('node:worker_threads')

const code = `
const { parentPort } = require('node:worker_threads')
async function work () {
  await new Promise((resolve) => setImmediate(resolve))
  return 'made from code'
}
work().then((text) => parentPort.postMessage(text))
`
const worker = new Worker(code, { eval: true })
worker.on('message', (text) => console.log('worker says:', text))
worker.on('exit', (code) => console.log('exit', code))
