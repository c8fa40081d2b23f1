const { parentPort } = require('node:worker_threads')

async function tick () {
  for (let n = 1; ; n++) {
    await new Promise((resolve) => setTimeout(resolve, 5))
    parentPort.postMessage(n)
  }
}
tick()
