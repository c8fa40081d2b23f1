const { parentPort } = require('node:worker_threads')

async function report () {
  await null
  parentPort.postMessage(`execArgv ${JSON.stringify(process.execArgv)}, ROLE=${process.env.ROLE}`)
}
report()
