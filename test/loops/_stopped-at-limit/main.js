// Not a corpus program (it never ends): loops.test.ts traces it with a short time limit. A worker ticks forever;
// the main thread stays alive with an interval.
const { Worker } = require('node:worker_threads')

const worker = new Worker(`${__dirname}/ticker.js`)
worker.on('message', (n) => {
  if (n === 3) console.log('worker ticked 3 times')
})
setInterval(() => {}, 1000)
