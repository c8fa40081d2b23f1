// rule: fork with an env and execArgv of the program's own (none of the parent's variables): the child sees exactly them
const { fork } = require('node:child_process')
const { join } = require('node:path')

const child = fork(join(__dirname, 'child.js'), ['x'], { env: { GREETING: 'hi', NODE_OPTIONS: '--no-warnings' }, execArgv: ['--no-deprecation'] })
child.on('message', (m) => console.log('parent got', JSON.stringify(m)))
child.on('exit', (code) => console.log('child exit', code))
