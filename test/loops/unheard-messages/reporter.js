const { parentPort } = require('node:worker_threads')
async function report () {
  await null
  parentPort.postMessage({ done: true })
}
report()
