const { parentPort } = require('node:worker_threads')

parentPort.on('message', async ({ replyTo, question }) => {
  await null
  replyTo.postMessage(question * 7)
})
