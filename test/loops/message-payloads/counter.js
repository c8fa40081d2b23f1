const { parentPort } = require('node:worker_threads')

let count = 0
parentPort.on('message', (m) => {
  if (m === 'end') parentPort.postMessage(count)
  else count++
})
