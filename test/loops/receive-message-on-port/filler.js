const { workerData: port } = require('node:worker_threads')

for (const letter of ['a', 'b', 'c']) port.postMessage(letter)
