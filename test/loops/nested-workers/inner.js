const { parentPort, workerData } = require('node:worker_threads')

async function answer () {
  await Promise.resolve()
  parentPort.postMessage(`inner at depth ${workerData.depth}`)
}
answer()
