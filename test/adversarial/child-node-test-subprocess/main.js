// rule: node --test in a subprocess (spawnSync(process.execPath, ['--test', file])) exits as untraced
const { spawnSync } = require('node:child_process')
const { join } = require('node:path')

const pass = spawnSync(process.execPath, ['--test', join(__dirname, 'passing.spec.js')], { encoding: 'utf8' })
const fail = spawnSync(process.execPath, ['--test', join(__dirname, 'failing.spec.js')], { encoding: 'utf8' })
console.log('passing exit', pass.status, 'failing exit', fail.status)
console.log('passing reports pass 2:', /pass 2/.test(pass.stdout), 'failing reports fail 1:', /fail 1/.test(fail.stdout))
