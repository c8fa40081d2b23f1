// rule: the callbacks of stdout writes and console.log interleave with microtasks and immediates as untraced
process.stdout.write('a\n', () => console.log('write callback'))
Promise.resolve().then(() => console.log('microtask'))
setImmediate(() => console.log('immediate'))
process.nextTick(() => console.log('nextTick'))
console.log('sync')
