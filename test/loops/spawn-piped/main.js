// rule: a Node child spawned with piped stdout; the parent prints what the child wrote, upper-cased
const { spawn } = require('node:child_process')
const { join } = require('node:path')

const child = spawn(process.execPath, [join(__dirname, 'child.js')], { stdio: ['ignore', 'pipe', 'inherit'] })
let got = ''
child.stdout.setEncoding('utf8').on('data', (d) => { got += d })
child.on('close', (code) => {
  console.log(got.toUpperCase().trim())
  console.log('child exit', code)
})
