const { spawnSync } = require('node:child_process')
const r = spawnSync(process.execPath, ['-p', '"leaf " + process.execArgv.length'], { encoding: 'utf8' })
process.stdout.write(`leaf said ${JSON.stringify(r.stdout)}, binding ${process.binding.name}\n`)
