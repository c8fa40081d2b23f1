const { parentPort, workerData: flag } = require('node:worker_threads')

parentPort.postMessage('hello')
Atomics.store(flag, 0, 1)
Atomics.notify(flag, 0)
