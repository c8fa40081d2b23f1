// Patches globalThis.setTimeout and setImmediate with wrappers that count and forward; ordering must stay the same
const realSetTimeout = globalThis.setTimeout;
const realSetImmediate = globalThis.setImmediate;
const calls = { setTimeout: 0, setImmediate: 0 };

globalThis.setTimeout = function patchedSetTimeout(fn, ms, ...args) {
  calls.setTimeout += 1;
  return realSetTimeout(function wrappedTimeout() {
    return fn.apply(this, args);
  }, ms);
};
globalThis.setImmediate = (fn, ...args) => {
  calls.setImmediate += 1;
  return realSetImmediate(() => fn(...args));
};

console.log(`patched: ${setTimeout.name}`); // queue: main
setTimeout(
  (a, b) => {
    console.log(`timeout 10 with args ${a} ${b}`); // queue: timer
    setImmediate(() => {
      console.log('immediate scheduled through the patched setImmediate'); // queue: immediate
    });
    setTimeout(() => {
      console.log('timeout 0 scheduled in a timer, after the immediate'); // queue: timer
    }, 0);
  },
  10,
  'x',
  'y',
);
setTimeout(() => {
  console.log(`timeout 400, patched calls: ${JSON.stringify(calls)}`); // queue: timer
}, 400);
await new Promise((resolve) => setTimeout(resolve, 200)); // await
console.log('main module resumed after a patched 200 ms timeout'); // queue: microtask
