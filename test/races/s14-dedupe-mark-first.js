// No race (fixed r15): the webhook id is added to the shared Set in the same synchronous step as the has() check, before the await.
// expect: none
const { setTimeout: sleep } = require('node:timers/promises');

const processed = new Set();
let charges = 0;

async function chargeCustomer(ms) {
  await sleep(ms);
  charges += 1;
}

async function handleWebhook(eventId, ms) {
  if (processed.has(eventId)) return `${eventId}: duplicate, ignored`;
  processed.add(eventId);
  await chargeCustomer(ms);
  return `${eventId}: charged`;
}

async function main() {
  const results = await Promise.all([handleWebhook('evt_1', 10), handleWebhook('evt_1', 20)]);
  for (const line of results) console.log(line);
  console.log(`charges: ${charges}`);
}

main();
