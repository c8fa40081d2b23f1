import { parentPort } from 'node:worker_threads'

let served = 0
parentPort.on('message', async (message) => {
  if (message === 'stop') {
    console.log(`player served ${served} pings`)
    parentPort.close()
    return
  }
  await null
  served++
  parentPort.postMessage({ pong: message.ping * 10 })
})
