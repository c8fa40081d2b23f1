// rule: under --pending-deprecation, a child's spawnSync prints no process.binding warning (its child runs untraced), as plain
const { spawnSync } = require('node:child_process')
const { join } = require('node:path')

const r = spawnSync(process.execPath, ['--pending-deprecation', join(__dirname, 'middle.js')], { encoding: 'utf8' })
console.log('middle:', r.status, JSON.stringify(r.stdout), JSON.stringify(r.stderr))
