// Classic ordering puzzle: sync code, nextTick, promise, queueMicrotask, then setTimeout vs setImmediate from an fs callback
const fs = require('node:fs');

console.log('main: start'); // queue: main

process.nextTick(() => {
  console.log('nextTick from main'); // queue: nextTick
});
Promise.resolve().then(() => {
  console.log('promise.then from main'); // queue: microtask
});
queueMicrotask(() => {
  console.log('queueMicrotask from main'); // queue: microtask
});

fs.readFile(__filename, () => {
  console.log('fs.readFile callback'); // queue: io
  setTimeout(() => {
    console.log('setTimeout 0 from the fs callback'); // queue: timer
  }, 0);
  setImmediate(() => {
    console.log('setImmediate from the fs callback'); // queue: immediate
  });
  process.nextTick(() => {
    console.log('nextTick from the fs callback'); // queue: nextTick
  });
  Promise.resolve().then(() => {
    console.log('promise.then from the fs callback'); // queue: microtask
  });
  queueMicrotask(() => {
    console.log('queueMicrotask from the fs callback'); // queue: microtask
  });
  console.log('fs.readFile callback: end'); // queue: io
});

console.log('main: end'); // queue: main
