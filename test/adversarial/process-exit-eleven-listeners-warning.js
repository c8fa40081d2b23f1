// rule: eleven of the program's own exit listeners: the MaxListenersExceededWarning says 11, seen by the program
process.removeAllListeners('warning')
process.on('warning', (w) => console.log('warning:', w.name, w.message, 'count', w.count))
for (let i = 0; i < 11; i++) process.on('exit', () => {})
console.log('exit listeners', process.listenerCount('exit'))
setImmediate(() => console.log('after'))
