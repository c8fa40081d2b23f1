const { parentPort } = require('node:worker_threads')

process.stdout.write('written by the worker\n', () => {
  parentPort.postMessage('write callback ran')
})
