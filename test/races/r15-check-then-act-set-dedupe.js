// Check-then-act on a shared Set of processed webhook ids: a redelivered event passes the has() check while the first delivery is still awaiting the charge, so the customer is charged twice.
// expect: check-then-act processed
const { setTimeout: sleep } = require('node:timers/promises');

const processed = new Set();
let charges = 0;

async function chargeCustomer(ms) {
  await sleep(ms);
  charges += 1;
}

async function handleWebhook(eventId, ms) {
  if (processed.has(eventId)) return `${eventId}: duplicate, ignored`; // check
  await chargeCustomer(ms); // await
  processed.add(eventId); // act
  return `${eventId}: charged`;
}

async function main() {
  const results = await Promise.all([handleWebhook('evt_1', 10), handleWebhook('evt_1', 20)]);
  for (const line of results) console.log(line);
  console.log(`charges: ${charges} (1 expected)`);
}

main();
