// rule: output written before the program kills itself with a signal is complete; the run ends by that signal
// signal: SIGTERM
console.log('written before the signal')
process.stderr.write('stderr before the signal\n')
setImmediate(() => {
  require('node:fs').writeSync(1, 'writeSync just before\n')
  process.kill(process.pid, 'SIGTERM')
})
