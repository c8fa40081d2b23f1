// rule: process.stdout and stderr look as untraced: not TTYs, no columns, their fd, writable, listener counts
const s = process.stdout
const e = process.stderr
console.log(String(s.isTTY), String(s.columns), s.fd, e.fd, s.writable, s.listenerCount('error'), e.listenerCount('error'))
console.log(typeof s._handle, s.constructor.name, s.writableLength, s.writableObjectMode)
console.log(typeof s.write === 'function', s.write.name, console.log.name, console.error.name)
