// rule: a program not started with IPC has no process.send, channel or connected
console.log(typeof process.send, typeof process.channel, String(process.connected), typeof process.disconnect)
console.log(process.listenerCount('message'), process.listenerCount('internalMessage'))
