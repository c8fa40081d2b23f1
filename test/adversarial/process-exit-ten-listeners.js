// rule: ten of the program's own exit listeners: no MaxListenersExceededWarning (stderr stays empty), all run in order
const order = []
for (let i = 0; i < 10; i++) process.on('exit', () => { order.push(i); if (i === 9) console.log('exit order', order.join(',')) })
console.log('exit listeners', process.listenerCount('exit'), process.listeners('exit').length)
