// EventEmitter emits synchronously in whatever task calls emit(): main, a promise job, a timer; once, prepend, nested emits
const { EventEmitter } = require('node:events');

const bus = new EventEmitter();
bus.on('greet', (who) => {
  console.log(`listener 1 greets ${who}`); // queue: main
});
bus.prependListener('greet', (who) => {
  console.log(`prepended listener sees ${who} first`); // queue: main
});
bus.once('greet', () => {
  console.log('once listener, only the first emit'); // queue: main
});

console.log('before emit'); // queue: main
bus.emit('greet', 'first');
bus.emit('greet', 'second');
console.log('after emits, same synchronous run'); // queue: main

bus.on('job', (n) => {
  console.log(`job listener got ${n}`); // queue: microtask
  if (n < 2) bus.emit('job', n + 1);
});
Promise.resolve().then(() => {
  bus.emit('job', 0);
});

bus.on('tick', () => {
  console.log('tick listener runs inside the timer'); // queue: timer
});
setTimeout(() => bus.emit('tick'), 5);

bus.on('error', (err) => {
  console.log(`error listener: ${err.message}`); // queue: main
});
const delivered = bus.emit('error', new Error('handled error event'));
console.log(`emit returned ${delivered}, listeners for greet: ${bus.listenerCount('greet')}`); // queue: main
