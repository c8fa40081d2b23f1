// rule: a Node child running code from its command line (-e, -p, --eval with input) prints, exits and answers as plain
const { execFile, execFileSync, spawnSync } = require('node:child_process')

const code = `
const { join } = require('node:path')
setImmediate(() => {
  console.log('eval child:', process.argv.slice(1).join(' '), join('a', 'b'))
  process.exitCode = 4
})`
const ran = spawnSync(process.execPath, ['-e', code, 'one', 'two'], { encoding: 'utf8' })
console.log('spawnSync -e:', ran.status, JSON.stringify(ran.stdout))
console.log('execFileSync -p:', JSON.stringify(execFileSync(process.execPath, ['-p', '6 * 7'], { encoding: 'utf8' })))
execFileSync(process.execPath, ['--eval', 'Promise.resolve(5).then((v) => console.log("inherited", v))'], { stdio: 'inherit' })
execFile(process.execPath, ['-e', 'process.stdin.on("data", (d) => process.stdout.write(String(d).toUpperCase()))'], (err, stdout) => {
  console.log('execFile -e:', err, JSON.stringify(stdout))
}).stdin.end('async child\n')
