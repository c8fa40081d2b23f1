// Lost update through a simulated database (stands in for node:sqlite, absent on Node 20): each caller awaits db.get, then awaits db.put of value + amount; the row is read inside get and written inside put.
// expect: lost-update this.rows
const { setTimeout: sleep } = require('node:timers/promises');

// A small in-memory database whose every call waits on a real timer, as a query would.
class Database {
  constructor() {
    this.rows = new Map([['credits:ada', 0]]);
  }

  async get(key, ms) {
    await sleep(ms);
    return this.rows.get(key); // read
  }

  async put(key, value, ms) {
    await sleep(ms); // await
    this.rows.set(key, value); // write
  }
}

const db = new Database();

async function addCredits(user, amount, ms) {
  const credits = await db.get(`credits:${user}`, ms);
  await db.put(`credits:${user}`, credits + amount, ms);
}

async function main() {
  await Promise.all([addCredits('ada', 5, 10), addCredits('ada', 8, 15)]);
  console.log(`ada has ${db.rows.get('credits:ada')} credits (5 + 8 = 13 expected)`);
}

main();
