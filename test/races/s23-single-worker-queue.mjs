// No race: deposits are queued and applied by a single worker, so the read-await-write of account.balance never overlaps itself.
// expect: none
import { setTimeout as sleep } from 'node:timers/promises';

const account = { balance: 100 };
const jobs = [];
let worker = null;

async function drain() {
  while (jobs.length > 0) {
    const amount = jobs.shift();
    const balance = account.balance;
    await sleep(5);
    account.balance = balance + amount;
  }
  worker = null;
}

function deposit(amount) {
  jobs.push(amount);
  if (worker === null) worker = drain();
  return worker;
}

await Promise.all([deposit(20), deposit(30), deposit(50)]);
console.log(`balance: ${account.balance} (100 + 20 + 30 + 50)`);
