// Check-then-act on a shared Map cache: both lookups see the key missing, both await the loader, both set it; the user is loaded twice and callers get different objects.
// expect: check-then-act cache
const { setTimeout: sleep } = require('node:timers/promises');

const cache = new Map();
let loads = 0;

async function loadUser(id, ms) {
  loads += 1;
  await sleep(ms);
  return { id, name: `user-${id}` };
}

async function getUser(id, ms) {
  if (!cache.has(id)) { // check
    const user = await loadUser(id, ms); // await
    cache.set(id, user); // act
  }
  return cache.get(id);
}

async function main() {
  const [a, b] = await Promise.all([getUser(7, 10), getUser(7, 20)]);
  console.log(`loads: ${loads} (1 expected)`);
  console.log(`both callers got the same object: ${a === b}`);
}

main();
