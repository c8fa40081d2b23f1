// No race: the cache is checked again after the await, in the same synchronous step as the set, so a value another caller stored is never overwritten.
// expect: none
const { setTimeout: sleep } = require('node:timers/promises');

const cache = new Map();
let loads = 0;

async function loadUser(id, ms) {
  loads += 1;
  await sleep(ms);
  return { id, name: `user-${id}` };
}

async function getUser(id, ms) {
  if (!cache.has(id)) {
    const user = await loadUser(id, ms);
    if (!cache.has(id)) cache.set(id, user);
  }
  return cache.get(id);
}

async function main() {
  const [a, b] = await Promise.all([getUser(7, 10), getUser(7, 20)]);
  console.log(`loads: ${loads} (a wasted load, but no lost value)`);
  console.log(`both callers got the same object: ${a === b}`);
}

main();
