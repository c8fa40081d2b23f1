const { BroadcastChannel, parentPort, workerData: name } = require('node:worker_threads')

const channel = new BroadcastChannel('news')
channel.onmessage = async ({ data }) => {
  await null
  channel.postMessage(`${name} heard ${data}`)
  channel.close()
}
parentPort.postMessage('ready')
