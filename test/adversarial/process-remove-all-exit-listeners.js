// rule: the program removes all exit listeners (Node's and anyone's); its output is still complete
process.on('exit', () => console.log('this listener was removed'))
console.log('before removal', process.listenerCount('exit') > 0)
process.removeAllListeners('exit')
console.log('after removal', process.listenerCount('exit'))
setTimeout(() => {
  process.stdout.write('last words from a timer\n')
}, 5)
