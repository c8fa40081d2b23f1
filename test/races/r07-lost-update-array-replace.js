// Lost update on a shared array held in an object: each enqueue copies queue.items, awaits validation, and stores the copy plus its job, dropping the other job.
// expect: lost-update queue.items
const { setTimeout: sleep } = require('node:timers/promises');

const queue = { items: ['boot'] };

async function validate(job, ms) {
  await sleep(ms);
  return job.length > 0;
}

async function enqueue(job, ms) {
  const items = queue.items; // read
  await validate(job, ms); // await
  queue.items = [...items, job]; // write
}

async function main() {
  await Promise.all([enqueue('email', 10), enqueue('resize', 20)]);
  console.log(`queue: ${queue.items.join(', ')} (expected boot, email, resize)`);
}

main();
