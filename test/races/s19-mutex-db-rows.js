// No race (fixed r19): the get-then-put on the simulated database (stands in for node:sqlite, absent on Node 20) runs under a promise-chain mutex.
// expect: none
const { setTimeout: sleep } = require('node:timers/promises');

// A small in-memory database whose every call waits on a real timer, as a query would.
class Database {
  constructor() {
    this.rows = new Map([['credits:ada', 0]]);
  }

  async get(key, ms) {
    await sleep(ms);
    return this.rows.get(key);
  }

  async put(key, value, ms) {
    await sleep(ms);
    this.rows.set(key, value);
  }
}

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

const db = new Database();
const creditsLock = new Mutex();

function addCredits(user, amount, ms) {
  return creditsLock.runExclusive(async () => {
    const credits = await db.get(`credits:${user}`, ms);
    await db.put(`credits:${user}`, credits + amount, ms);
  });
}

async function main() {
  await Promise.all([addCredits('ada', 5, 10), addCredits('ada', 8, 15)]);
  console.log(`ada has ${db.rows.get('credits:ada')} credits`);
}

main();
