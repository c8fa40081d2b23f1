// rule: child_process.fork of a sibling file runs it (stdio inherited), IPC messages both ways, its exit code
const { fork } = require('node:child_process')
const { join } = require('node:path')

const child = fork(join(__dirname, 'child.js'), ['arg1'])
child.on('message', (msg) => {
  console.log('parent got', JSON.stringify(msg))
  if (msg.ready) child.send({ work: 21 })
})
child.on('exit', (code, signal) => console.log('child exited', code, signal))
