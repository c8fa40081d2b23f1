// Not a corpus program (it never ends): loops.test.ts traces it with a short time limit. The program waits in
// spawnSync for a child that ticks forever, printing to the program's stdout after its third tick.
const { spawnSync } = require('node:child_process')
const { join } = require('node:path')

spawnSync(process.execPath, [join(__dirname, 'forever.js')], { stdio: 'inherit' })
console.log('never printed: the program stops at the time limit while it waits')
