// No race: `visits++` happens with no await between its read and its write; the awaits come afterwards.
// expect: none
const { setTimeout: sleep } = require('node:timers/promises');

let visits = 0;

async function handleVisit(name, ms) {
  visits++;
  await sleep(ms);
  console.log(`${name}: handled`);
}

async function main() {
  await Promise.all([handleVisit('A', 10), handleVisit('B', 20)]);
  console.log(`visits: ${visits}`);
}

main();
