// Lost update on a property of an object reached from a shared Map: both deposits get the same account object, read account.balance, await an audit, and write back.
// expect: lost-update account.balance
const { setTimeout: sleep } = require('node:timers/promises');

const accounts = new Map([['alice', { balance: 100 }]]);
const auditLog = [];

async function audit(amount, ms) {
  await sleep(ms);
  auditLog.push(amount);
}

async function deposit(name, amount, ms) {
  const account = accounts.get(name);
  const balance = account.balance; // read
  await audit(amount, ms); // await
  account.balance = balance + amount; // write
}

async function main() {
  await Promise.all([deposit('alice', 20, 10), deposit('alice', 30, 20)]);
  console.log(`audited deposits: ${auditLog.length}`);
  console.log(`alice: ${accounts.get('alice').balance} (100 + 20 + 30 = 150 expected)`);
}

main();
