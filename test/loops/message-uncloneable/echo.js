const { parentPort } = require('node:worker_threads')

parentPort.on('message', (m) => parentPort.postMessage(`echo ${m}`))
