// The classic puzzle: in what order do these lines print? Trace it and step through the queues to see why.
const fs = require('node:fs');

console.log('1. script start');

setTimeout(() => console.log('timer: setTimeout 0'), 0);

process.nextTick(() => console.log('nextTick'));

Promise.resolve()
  .then(() => console.log('promise: first then'))
  .then(() => console.log('promise: second then'));

queueMicrotask(() => console.log('queueMicrotask'));

async function load() {
  console.log('load(): before await');
  const text = await fs.promises.readFile(__filename, 'utf8');
  console.log(`load(): read ${text.split('\n').length} lines`);
  // Inside an I/O callback, an immediate always runs before a timer.
  fs.readFile(__filename, () => {
    setTimeout(() => console.log('io: timer'), 0);
    setImmediate(() => console.log('io: immediate'));
  });
}

load();
console.log('2. script end');
