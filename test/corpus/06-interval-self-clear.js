// setInterval that clears itself after 3 ticks; each tick also queues a nextTick and a promise job
let ticks = 0;
const handle = setInterval(() => {
  ticks += 1;
  console.log(`interval tick ${ticks}`); // queue: timer
  process.nextTick(() => {
    console.log(`  nextTick after tick ${ticks}`); // queue: nextTick
  });
  Promise.resolve(ticks).then((n) => {
    console.log(`  promise after tick ${n}`); // queue: microtask
  });
  if (ticks === 3) {
    clearInterval(handle);
    console.log('interval cleared'); // queue: timer
  }
}, 15);

console.log('interval started'); // queue: main
