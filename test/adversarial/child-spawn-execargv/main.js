// rule: spawn(process.execPath, [...process.execArgv, file]) runs the file as untraced; output passes through
const { spawn, spawnSync } = require('node:child_process')
const { join } = require('node:path')

const file = join(__dirname, 'worker.js')
const sync = spawnSync(process.execPath, [...process.execArgv, file, 'sync'], { encoding: 'utf8' })
console.log('sync status', sync.status, JSON.stringify(sync.stdout), JSON.stringify(sync.stderr))

const child = spawn(process.execPath, [...process.execArgv, file, 'async'], { stdio: ['ignore', 'inherit', 'pipe'] })
let err = ''
child.stderr.on('data', (d) => { err += d })
child.on('close', (code) => console.log('async status', code, JSON.stringify(err)))
