// setImmediate inside setImmediate runs on the next loop turn; ticks and promises run between immediates
setImmediate(() => {
  console.log('immediate A'); // queue: immediate
  setImmediate(() => {
    console.log('immediate C, queued by A'); // queue: immediate
    setImmediate(() => {
      console.log('immediate D, queued by C'); // queue: immediate
    });
  });
  process.nextTick(() => {
    console.log('nextTick queued by A'); // queue: nextTick
  });
});

setImmediate(() => {
  console.log('immediate B'); // queue: immediate
  Promise.resolve().then(() => {
    console.log('promise queued by B'); // queue: microtask
  });
});

console.log('main: two immediates scheduled'); // queue: main
