// No race (fixed r12): the cache stores the loading promise synchronously, so check and set happen with no await in between.
// expect: none
const { setTimeout: sleep } = require('node:timers/promises');

const cache = new Map();
let loads = 0;

async function loadUser(id, ms) {
  loads += 1;
  await sleep(ms);
  return { id, name: `user-${id}` };
}

function getUser(id, ms) {
  let pending = cache.get(id);
  if (pending === undefined) {
    pending = loadUser(id, ms);
    cache.set(id, pending);
  }
  return pending;
}

async function main() {
  const [a, b] = await Promise.all([getUser(7, 10), getUser(7, 20)]);
  console.log(`loads: ${loads}`);
  console.log(`both callers got the same object: ${a === b}`);
}

main();
