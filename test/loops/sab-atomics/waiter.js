const { parentPort, workerData: shared } = require('node:worker_threads')

parentPort.postMessage('waiting')
// wait while the flag is 0 (returns at once if main already set it)
Atomics.wait(shared, 0, 0)
parentPort.postMessage(Atomics.load(shared, 1))
