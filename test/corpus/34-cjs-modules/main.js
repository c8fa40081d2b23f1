// CommonJS entry requiring local modules two levels deep (main -> lib/store -> lib/clock); module bodies run in main
console.log('main.js: body starts'); // queue: main
const store = require('./lib/store.js');
const { now } = require('./lib/clock.js');

console.log(`main.js: clock reads ${now()} after both requires, store has ${store.size()} items`); // queue: main

store.put('a', 1);
store.putLater('b', 2, () => {
  console.log(`main.js: putLater callback, store has ${store.size()} items`); // queue: timer
});
store.load('c').then((v) => {
  console.log(`main.js: load resolved ${v}`); // queue: microtask
});
