// Stale read returned to the caller: a balance snapshot is read before awaiting reward points and returned after a deposit changed the balance.
// expect: stale-read wallet.balance
const { setTimeout: sleep } = require('node:timers/promises');

const wallet = { balance: 50 };

async function fetchRewardPoints(ms) {
  await sleep(ms);
  return 7;
}

async function summary(ms) {
  const balance = wallet.balance; // read
  const points = await fetchRewardPoints(ms); // await
  return { balance, points }; // use
}

async function deposit(amount, ms) {
  await sleep(ms);
  wallet.balance += amount;
}

async function main() {
  const [shown] = await Promise.all([summary(150), deposit(25, 10)]);
  console.log(`summary shows balance ${shown.balance} and ${shown.points} points`);
  console.log(`wallet balance is ${wallet.balance}`);
}

main();
