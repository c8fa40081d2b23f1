// rule: a program that replaces console.log and process.stdout.write still prints through its own wrappers
const origWrite = process.stdout.write.bind(process.stdout)
const lines = []
process.stdout.write = (chunk, ...rest) => { lines.push(String(chunk).length); return origWrite(chunk, ...rest) }
const origLog = console.log
console.log = (...args) => origLog('[wrapped]', ...args)
console.log('hello')
console.log('world', 1)
process.stdout.write = origWrite
console.log = origLog
console.log('write lengths', lines.join(','))
