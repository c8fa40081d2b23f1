// Two visits read a shared counter, await, and write it back: one update is lost.
let visits = 0;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function visit(ms) {
  const seen = visits;
  await pause(ms);
  visits = seen + 1;
}

Promise.all([visit(5), visit(10)]).then(() => console.log('visits', visits));
