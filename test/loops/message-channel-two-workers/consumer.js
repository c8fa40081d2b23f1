const { workerData, parentPort } = require('node:worker_threads')

let total = 0
const seen = []
workerData.port.on('message', (message) => {
  if (message.done) {
    parentPort.postMessage(`saw ${seen.join(',')}, total ${total}`)
    workerData.port.close()
    return
  }
  seen.push(message.item)
  total += message.item
})
