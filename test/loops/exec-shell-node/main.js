// rule: exec runs Node on a script through a shell; the child's output comes back in the callback
const { exec } = require('node:child_process')

exec(`"${process.execPath}" child.js 6`, { cwd: __dirname }, (err, stdout) => {
  console.log('child said', JSON.stringify(stdout), 'error', err && err.code)
})
