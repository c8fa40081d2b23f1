// the worker thread: squares its input after an await
const { parentPort, workerData, isMainThread } = require('node:worker_threads')
async function run () {
  await null
  console.log('in worker, main thread?', isMainThread)
  parentPort.postMessage(workerData.n * workerData.n)
}
run()
