// No race (fixed r02): the shared account's withdrawals run under its own promise-chain mutex, so this.balance is read and written by one at a time.
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

class Account {
  constructor(owner, balance) {
    this.owner = owner;
    this.balance = balance;
    this.lock = new Mutex();
  }

  withdraw(amount, ledgerMs) {
    return this.lock.runExclusive(async () => {
      const current = this.balance;
      await sleep(ledgerMs);
      this.balance = current - amount;
      console.log(`${this.owner}: withdrew ${amount}, balance now ${this.balance}`);
    });
  }
}

async function main() {
  const account = new Account('ada', 100);
  await Promise.all([account.withdraw(30, 10), account.withdraw(50, 20)]);
  console.log(`final balance: ${account.balance}`);
}

main();
