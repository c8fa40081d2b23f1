// rule: output written by exit listeners and after process.exit() in a timer is captured completely
process.on('exit', () => {
  process.stdout.write('exit listener stdout\n')
  process.stderr.write('exit listener stderr\n')
  require('node:fs').writeSync(1, 'exit listener writeSync\n')
})
setTimeout(() => {
  console.log('timer')
  process.exit(0)
}, 1)
