// rule: a pool of three workers squares twelve numbers; results come back as messages and are printed in input order
const { Worker } = require('node:worker_threads')
const { join } = require('node:path')

const inputs = Array.from({ length: 12 }, (_, i) => i + 1)
const results = new Array(inputs.length)
const pool = Array.from({ length: 3 }, () => new Worker(join(__dirname, 'square.js')))
let next = 0
let done = 0

function feed (worker) {
  if (next >= inputs.length) return worker.postMessage(null)
  const index = next++
  worker.postMessage({ index, n: inputs[index] })
}

for (const worker of pool) {
  worker.on('message', ({ index, square }) => {
    results[index] = square
    done++
    feed(worker)
  })
  feed(worker)
}

let exited = 0
for (const worker of pool) {
  worker.on('exit', () => {
    if (++exited === pool.length) console.log(`squares (${done}):`, results.join(' '))
  })
}
