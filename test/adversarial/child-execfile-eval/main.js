// rule: execFileSync(process.execPath, ['-e', code]) and ['-p', expr] run their code (a loop of the trace, uninstrumented), output unchanged
const { execFileSync } = require('node:child_process')
const out1 = execFileSync(process.execPath, ['-e', 'console.log(typeof process.send, process.execArgv.length)'], { encoding: 'utf8' })
const out2 = execFileSync(process.execPath, ['-p', '6 * 7'], { encoding: 'utf8' })
const out3 = execFileSync(process.execPath, ['--input-type=module', '-e', 'console.log(typeof import.meta)'], { encoding: 'utf8' })
console.log(JSON.stringify([out1, out2, out3]))
