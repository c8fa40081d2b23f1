// No race (fixed r01): a tiny promise-chain mutex serializes the read-await-write on the shared counter.
// expect: none
const { setTimeout: sleep } = require('node:timers/promises');

// A tiny promise-chain lock: each caller runs after the previous one has finished.
class Mutex {
  constructor() {
    this.tail = Promise.resolve();
  }

  runExclusive(fn) {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => {});
    return result;
  }
}

const lock = new Mutex();
let visits = 0;

async function recordVisit(name, ms) {
  await lock.runExclusive(async () => {
    const seen = visits;
    await sleep(ms);
    visits = seen + 1;
    console.log(`${name}: wrote visits = ${visits} (had read ${seen})`);
  });
}

async function main() {
  await Promise.all([recordVisit('A', 10), recordVisit('B', 20)]);
  console.log(`final visits: ${visits}`);
}

main();
