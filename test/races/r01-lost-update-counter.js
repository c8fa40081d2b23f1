// Lost update on a module-level counter: two visits read it, await a timer, and write back read + 1, so one visit is lost.
// expect: lost-update visits
const { setTimeout: sleep } = require('node:timers/promises');

let visits = 0;

async function recordVisit(name, ms) {
  const seen = visits; // read
  await sleep(ms); // await
  visits = seen + 1; // write
  console.log(`${name}: wrote visits = ${visits} (had read ${seen})`);
}

async function main() {
  await Promise.all([recordVisit('A', 10), recordVisit('B', 20)]);
  console.log(`final visits: ${visits} (2 visits were recorded)`);
}

main();
