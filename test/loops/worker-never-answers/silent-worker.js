const { parentPort } = require('node:worker_threads')
let seen = 0
parentPort.on('message', async (job) => {
  await null
  seen++
  // it works on the job but forgets to post the result; after two jobs it stops listening and ends
  if (seen === 2) parentPort.close()
})
