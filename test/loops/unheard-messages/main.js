// rule: messages nobody listens for (a Worker object without a 'message' listener, a parentPort and a MessageChannel port never listened on) go unheard, as plain
const { Worker, MessageChannel } = require('node:worker_threads')
const { join } = require('node:path')

// the worker reports back, but this thread never listens on the Worker object: Node drops the report
const reporter = new Worker(join(__dirname, 'reporter.js'))
reporter.on('exit', (code) => {
  console.log('reporter exit', code)
  // this worker never listens on its parentPort: the job stays queued there until it ends
  const deaf = new Worker(join(__dirname, 'deaf.js'))
  deaf.postMessage({ job: 1 })
  deaf.on('exit', (code) => {
    console.log('deaf exit', code)
    // a channel whose second port nobody listens on
    const { port1, port2 } = new MessageChannel()
    port1.postMessage('into the void')
    port1.close()
    console.log('port2 still open:', typeof port2.postMessage)
  })
})
