// rule: payloads of every shape go to a worker, which counts them; a getter on a payload runs as untraced (once, in the structured clone) and a transferred buffer is empty after
const { Worker } = require('node:worker_threads')
const { join } = require('node:path')

let getterRuns = 0
const withGetter = { a: 1, get b () { getterRuns++; return 2 } }
const transferred = new ArrayBuffer(8)
const worker = new Worker(join(__dirname, 'counter.js'))
worker.on('message', (count) => {
  console.log(`worker counted ${count}; getter ran ${getterRuns} time(s); transferred buffer now ${transferred.byteLength} bytes`)
  worker.terminate()
})
worker.postMessage(42)
worker.postMessage('hello')
worker.postMessage([1, 2, 3])
worker.postMessage(withGetter)
worker.postMessage(new Map([[1, 'one'], [2, 'two']]))
worker.postMessage(new Set([1]))
worker.postMessage(new Uint8Array(16))
worker.postMessage(transferred, [transferred])
worker.postMessage(new SharedArrayBuffer(32))
worker.postMessage(new Date(0))
worker.postMessage(null)
worker.postMessage(undefined)
worker.postMessage(10n)
worker.postMessage(new Error('boom'))
worker.postMessage('end')
