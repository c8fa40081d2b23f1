// rule: process.exitCode set by the program is the exit code; exit listeners see it
// exit: 3
process.exitCode = 3
process.on('exit', (code) => console.log('exiting with', code, process.exitCode))
setImmediate(() => console.log('immediate ran'))
