// Replaces global.Promise with a counting subclass: explicit promises use it, async functions still return native promises
const NativePromise = Promise;
let constructed = 0;

class CountingPromise extends NativePromise {
  constructor(executor) {
    constructed += 1;
    super(executor);
  }
}
global.Promise = CountingPromise;

async function nativeResult() {
  await new Promise((resolve) => setTimeout(resolve, 2)); // await
  return 'async result';
}

const explicit = new Promise((resolve) => resolve('explicit'));
console.log(`explicit is a CountingPromise: ${explicit instanceof CountingPromise}`); // queue: main
const chained = explicit.then((v) => {
  console.log(`then callback got ${v}`); // queue: microtask
  return `${v}, chained`;
});
console.log(`then() keeps the subclass: ${chained instanceof CountingPromise}`); // queue: main
const fromAsync = nativeResult();
console.log(`async function result is a CountingPromise: ${fromAsync instanceof CountingPromise}`); // queue: main

Promise.all([chained, fromAsync]).then((values) => {
  console.log(`Promise.all (subclass static) gave: ${values.join(' + ')}`); // queue: microtask
  global.Promise = NativePromise;
  console.log(`constructed through the subclass: ${constructed > 0}`); // queue: microtask
});
