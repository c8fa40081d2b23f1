// Lost update on a class field of one shared instance: two withdrawals read this.balance, await the ledger, and write back.
// expect: lost-update this.balance
import { setTimeout as sleep } from 'node:timers/promises';

class Account {
  constructor(owner, balance) {
    this.owner = owner;
    this.balance = balance;
  }

  async withdraw(amount, ledgerMs) {
    const current = this.balance; // read
    await sleep(ledgerMs); // await
    this.balance = current - amount; // write
    console.log(`${this.owner}: withdrew ${amount}, balance now ${this.balance}`);
  }
}

const account = new Account('ada', 100);
await Promise.all([account.withdraw(30, 10), account.withdraw(50, 20)]);
console.log(`final balance: ${account.balance} (100 - 30 - 50 = 20 expected)`);
