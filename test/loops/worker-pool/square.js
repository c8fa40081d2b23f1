const { parentPort } = require('node:worker_threads')

parentPort.on('message', async (job) => {
  if (job === null) return parentPort.close()
  await new Promise((resolve) => setImmediate(resolve))
  parentPort.postMessage({ index: job.index, square: job.n * job.n })
})
