// The same nesting as 03 in an ES module: the main module promise jobs run before its nextTick callbacks
process.nextTick(() => {
  console.log('tick A'); // queue: nextTick
  Promise.resolve().then(() => {
    console.log('promise inside tick A'); // queue: microtask
    process.nextTick(() => {
      console.log('tick inside the promise inside tick A'); // queue: nextTick
    });
  });
  process.nextTick(() => {
    console.log('tick inside tick A'); // queue: nextTick
  });
});

Promise.resolve().then(() => {
  console.log('promise B'); // queue: microtask
  process.nextTick(() => {
    console.log('tick inside promise B'); // queue: nextTick
  });
  Promise.resolve().then(() => {
    console.log('promise inside promise B'); // queue: microtask
  });
});

queueMicrotask(() => {
  console.log('queueMicrotask C'); // queue: microtask
});

console.log('main done'); // queue: main
