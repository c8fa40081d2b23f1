// No race: seat booking runs inside a simulated database transaction; transactions run one at a time, so the read-await-write of the seat count is serialized.
// expect: none
import { setTimeout as sleep } from 'node:timers/promises';

// A simulated database (stands in for node:sqlite, which Node 20 does not have): every call waits on a real timer,
// and transaction() runs the transactions one after another.
class Database {
  constructor() {
    this.rows = new Map([['seats', 2]]);
    this.tail = Promise.resolve();
  }

  transaction(work) {
    const tx = {
      get: async (key) => {
        await sleep(5);
        return this.rows.get(key);
      },
      put: async (key, value) => {
        await sleep(5);
        this.rows.set(key, value);
      },
    };
    const result = this.tail.then(() => work(tx));
    this.tail = result.catch(() => {});
    return result;
  }
}

const db = new Database();

function book(name) {
  return db.transaction(async (tx) => {
    const seats = await tx.get('seats');
    if (seats === 0) return `${name}: sold out`;
    await tx.put('seats', seats - 1);
    return `${name}: booked`;
  });
}

const results = await Promise.all([book('ada'), book('bob'), book('cy')]);
for (const line of results) console.log(line);
console.log(`seats left: ${db.rows.get('seats')}`);
