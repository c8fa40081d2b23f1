// Lost update inside synchronous helpers: the coroutine reads the balance through get(), awaits, and writes it back through set(); the helpers' accesses belong to the coroutine that called them.
// expect: lost-update wallet.balance
import { setTimeout as sleep } from 'node:timers/promises';

const wallet = { balance: 100 };
function getBalance() {
  return wallet.balance; // read
}
function setBalance(value) {
  wallet.balance = value; // write
}

async function spend(amount, ms) {
  const before = getBalance();
  await sleep(ms); // await
  setBalance(before - amount);
}

await Promise.all([spend(30, 10), spend(50, 40)]);
console.log(`balance: ${wallet.balance} (100 - 30 - 50 = 20 expected)`);
