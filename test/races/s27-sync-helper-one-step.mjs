// No race: the synchronous helper reads and writes the balance in one step; the awaits come before and after.
// expect: none
import { setTimeout as sleep } from 'node:timers/promises';

const wallet = { balance: 100 };
function withdraw(amount) {
  wallet.balance = wallet.balance - amount;
}

async function spend(amount, ms) {
  await sleep(ms);
  withdraw(amount);
  await sleep(ms);
}

await Promise.all([spend(30, 10), spend(50, 40)]);
console.log(`balance: ${wallet.balance}`);
