// rule: a detached background child that outlives the program still prints (it shares stdout); parent exits first
const { spawn } = require('node:child_process')
const { join } = require('node:path')

console.log('parent: starting background child')
const child = spawn(process.execPath, [join(__dirname, 'background.js')], { detached: true, stdio: ['ignore', 'inherit', 'inherit'] })
child.unref()
console.log('parent: done')
