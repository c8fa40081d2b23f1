const { Worker, parentPort, workerData } = require('node:worker_threads')
const { join } = require('node:path')

const inner = new Worker(join(__dirname, 'inner.js'), { workerData: { depth: workerData.depth + 1 } })
inner.on('message', (m) => parentPort.postMessage(`outer(depth ${workerData.depth}) relays ${m}`))
