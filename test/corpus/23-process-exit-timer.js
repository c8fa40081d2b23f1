// process.exit(3) from a timer while other timers are pending; the exit handler runs synchronously inside that timer
// exit: 3
process.on('exit', (code) => {
  console.log(`exit handler: code ${code}`); // queue: timer
});

setTimeout(() => {
  throw new Error('pending timer must never run');
}, 400);

setInterval(() => {
  throw new Error('pending interval must never run');
}, 300);

setTimeout(() => {
  console.log('timer 10'); // queue: timer
}, 10);

setTimeout(() => {
  console.log('timer 30: calling process.exit(3)'); // queue: timer
  process.nextTick(() => {
    throw new Error('a nextTick queued before process.exit never runs');
  });
  process.exit(3);
}, 30);

console.log('main: timers scheduled'); // queue: main
