// Sync generators (yield*, return) and async generators consumed by async iteration loops, including a sync iterable of promises
const { setTimeout: sleep } = require('node:timers/promises');

function* letters() {
  yield 'a';
  yield* ['b', 'c'];
  return 'd (return value, not iterated)';
}

async function* countdown(from) {
  for (let i = from; i > 0; i--) {
    await sleep(3); // await
    yield i;
  }
}

async function* paired(source) {
  for await (const n of source) { // await
    yield [n, n * 10];
  }
}

async function main() {
  const it = letters();
  console.log(`spread: ${[...letters()].join('')}`); // queue: main
  console.log(`manual: ${JSON.stringify(it.next())}`); // queue: main
  for await (const n of countdown(3)) { // await
    console.log(`countdown ${n}`); // queue: microtask
  }
  for await (const [n, m] of paired(countdown(2))) { // await
    console.log(`paired ${n} ${m}`); // queue: microtask
  }
  for await (const v of [Promise.resolve('p1'), 'plain', sleep(5, 'p3')]) { // await
    console.log(`sync iterable item ${v}`); // queue: microtask
  }
}

main().then(() => {
  console.log('generators done'); // queue: microtask
});
console.log('main: generators started'); // queue: main
