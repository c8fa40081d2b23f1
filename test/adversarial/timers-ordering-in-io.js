// rule: inside an I/O callback, setImmediate runs before setTimeout 0; nextTick and microtasks first
require('node:fs').readFile(__filename, () => {
  setTimeout(() => console.log('timeout'), 0)
  setImmediate(() => console.log('immediate'))
  process.nextTick(() => console.log('nextTick'))
  queueMicrotask(() => console.log('microtask'))
  Promise.resolve().then(() => console.log('promise'))
})
