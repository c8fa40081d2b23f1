// rule: spawnSync, execFileSync and execSync of a Node script return the child's output, status and errors as plain
const { spawnSync, execFileSync, execSync } = require('node:child_process')
const { join } = require('node:path')

const child = join(__dirname, 'child.js')
const show = (text) => JSON.stringify(String(text).split(__dirname).join('<dir>').split(process.execPath).join('node'))

const piped = spawnSync(process.execPath, [child, 'piped'], { input: 'from the parent' })
console.log('spawnSync:', piped.status, piped.signal, Buffer.isBuffer(piped.stdout), show(piped.stdout), show(piped.stderr))
console.log('execFileSync:', show(execFileSync(process.execPath, [child, 'returned'], { encoding: 'utf8' })))
execFileSync(process.execPath, [child, 'inherited'], { stdio: 'inherit' })
console.log('execSync:', show(execSync(`"${process.execPath}" "${child}" shell`)))
try {
  execFileSync(process.execPath, [child, 'fail'], { stdio: 'pipe' })
} catch (err) {
  console.log('execFileSync failed:', err.status, show(err.stderr), show(err.message))
}
const slow = spawnSync(process.execPath, [child, 'forever'], { timeout: 300 })
console.log('timed out:', slow.error.code, slow.signal, show(slow.error.spawnargs), show(slow.error.path === process.execPath))
