// rule: a forked child and its parent exchange three messages over IPC; the child disconnects at the end
const { fork } = require('node:child_process')
const { join } = require('node:path')

const child = fork(join(__dirname, 'child.js'))
const replies = []
let n = 0
child.on('message', (m) => {
  replies.push(m)
  if (++n < 3) child.send({ n })
  else child.send('bye')
})
child.send({ n: 0 })
child.on('exit', (code) => console.log('replies:', JSON.stringify(replies), 'child exit', code))
