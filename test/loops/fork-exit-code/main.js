// rule: a forked child prints, then exits with code 3 after an await; the parent sees the code
const { fork } = require('node:child_process')
const { join } = require('node:path')

const child = fork(join(__dirname, 'child.js'))
child.on('exit', (code, signal) => console.log('child exit', code, signal))
