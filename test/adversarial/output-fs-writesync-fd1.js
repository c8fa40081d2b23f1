// rule: fs.writeSync(1, ...) and fs.writeSync(2, ...) are output, in order with console.log and process.stdout.write
const fs = require('node:fs')
console.log('console first')
fs.writeSync(1, 'writeSync to fd 1\n')
process.stdout.write('stdout.write\n')
fs.writeSync(2, 'writeSync to fd 2\n')
fs.writeSync(1, Buffer.from('a buffer via writeSync\n'))
async function main () {
  await null
  fs.writeSync(1, 'after await\n')
  fs.write(1, 'async fs.write\n', () => console.log('fs.write callback'))
}
main()
