const { workerData } = require('node:worker_threads')

async function produce ({ port, count }) {
  for (let i = 1; i <= count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1))
    port.postMessage({ item: i })
  }
  port.postMessage({ done: true })
  port.close()
}
produce(workerData)
