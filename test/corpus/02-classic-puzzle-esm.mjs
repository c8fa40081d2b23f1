// Classic puzzle in an ES module: promise jobs of the main module run before nextTick; immediate beats a 0 ms timer set in a timer
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

setTimeout(() => {
  console.log('outer setTimeout'); // queue: timer
  setTimeout(() => {
    console.log('setTimeout 0 set inside a timer'); // queue: timer
  }, 0);
  setImmediate(() => {
    console.log('setImmediate set inside a timer'); // queue: immediate
  });
  process.nextTick(() => {
    console.log('nextTick set inside a timer'); // queue: nextTick
  });
  Promise.resolve().then(() => {
    console.log('promise.then set inside a timer'); // queue: microtask
  });
}, 0);

console.log('main: end'); // queue: main
