// No race: the shared status is read before the await only to log it there, and the write after the await does not depend on it.
// expect: none
const { setTimeout: sleep } = require('node:timers/promises');

let status = 'starting';

async function warmUp(name, ms) {
  console.log(`${name}: status is ${status} before warming up`);
  await sleep(ms);
  status = 'ready';
}

async function main() {
  await Promise.all([warmUp('A', 10), warmUp('B', 20)]);
  console.log(`status: ${status}`);
}

main();
