// Lost update on a shared Map entry: two awards read scores.get('ada'), await a check, and set the old value + points.
// expect: lost-update scores
const { setTimeout: sleep } = require('node:timers/promises');

const scores = new Map([['ada', 10], ['bob', 7]]);

async function award(player, points, ms) {
  const current = scores.get(player); // read
  await sleep(ms); // await
  scores.set(player, current + points); // write
}

async function main() {
  await Promise.all([award('ada', 5, 10), award('ada', 10, 20)]);
  console.log(`ada: ${scores.get('ada')} (10 + 5 + 10 = 25 expected)`);
  console.log(`bob: ${scores.get('bob')}`);
}

main();
