// Check-then-act on a lazily initialized module variable: two callers see no connection, both await connect(), and the second overwrites the first.
// expect: check-then-act connection
import { setTimeout as sleep } from 'node:timers/promises';

let connection;
let opened = 0;

async function connect(ms) {
  opened += 1;
  const id = opened;
  await sleep(ms);
  return { id };
}

async function getConnection(ms) {
  if (connection === undefined) { // check
    const fresh = await connect(ms); // await
    connection = fresh; // act
  }
  return connection;
}

const [first, second] = await Promise.all([getConnection(10), getConnection(20)]);
console.log(`connections opened: ${opened} (1 expected)`);
console.log(`callers got connection #${first.id} and #${second.id}, the module keeps #${connection.id}`);
