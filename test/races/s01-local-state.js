// No race: each coroutine reads and writes its own local total across awaits; nothing is shared.
// expect: none
const { setTimeout: sleep } = require('node:timers/promises');

async function sumSlowly(values, ms) {
  let total = 0;
  for (const value of values) {
    const before = total;
    await sleep(ms);
    total = before + value;
  }
  return total;
}

async function main() {
  const [a, b] = await Promise.all([sumSlowly([1, 2, 3], 10), sumSlowly([10, 20, 30], 25)]);
  console.log(`A summed ${a}, B summed ${b}`);
}

main();
