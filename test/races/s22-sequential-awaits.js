// No race: the same read-await-write as r01, but the two visits are awaited one after the other, so they never overlap.
// expect: none
const { setTimeout: sleep } = require('node:timers/promises');

let visits = 0;

async function recordVisit(name, ms) {
  const seen = visits;
  await sleep(ms);
  visits = seen + 1;
  console.log(`${name}: wrote visits = ${visits} (had read ${seen})`);
}

async function main() {
  await recordVisit('A', 10);
  await recordVisit('B', 20);
  console.log(`final visits: ${visits}`);
}

main();
