// No race (fixed r13): the connection promise is stored with ??= before any await, so the second caller reuses it.
// expect: none
import { setTimeout as sleep } from 'node:timers/promises';

let connectionPromise;
let opened = 0;

async function connect(ms) {
  opened += 1;
  const id = opened;
  await sleep(ms);
  return { id };
}

function getConnection(ms) {
  connectionPromise ??= connect(ms);
  return connectionPromise;
}

const [first, second] = await Promise.all([getConnection(10), getConnection(20)]);
console.log(`connections opened: ${opened}`);
console.log(`callers got connection #${first.id} and #${second.id}`);
