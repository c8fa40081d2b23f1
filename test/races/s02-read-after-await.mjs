// No race: the shared counter is read after the await and written in the same synchronous step.
// expect: none
import { setTimeout as sleep } from 'node:timers/promises';

let visits = 0;

async function recordVisit(name, ms) {
  await sleep(ms);
  visits = visits + 1;
  console.log(`${name}: visits = ${visits}`);
}

await Promise.all([recordVisit('A', 10), recordVisit('B', 20)]);
console.log(`final visits: ${visits}`);
