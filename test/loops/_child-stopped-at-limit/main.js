// Not a corpus program (it never ends): loops.test.ts traces it with a short time limit. A forked child ticks
// forever, sending a message each time; its IPC channel keeps the program alive.
const { fork } = require('node:child_process')
const { join } = require('node:path')

const child = fork(join(__dirname, 'forever.js'))
let ticks = 0
child.on('message', () => {
  if (++ticks === 3) console.log('child ticked 3 times')
})
