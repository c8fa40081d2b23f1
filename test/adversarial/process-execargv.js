// rule: process.execArgv, process.argv (shape) and process.execPath are what the program sees untraced
const { basename } = require('node:path')

console.log(JSON.stringify(process.execArgv))
console.log(process.argv.length, basename(process.argv[1]), process.argv0 === 'node' || basename(process.argv0) === 'node')
console.log(process.execPath === process.argv[0], JSON.stringify(process.env.NODE_OPTIONS ?? null))
