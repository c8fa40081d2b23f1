// Two races in one login path: a lost update on stats.logins and a check-then-act on the sessions Map, both across the same await.
// expect: lost-update stats.logins
// expect: check-then-act sessions
import { setTimeout as sleep } from 'node:timers/promises';

const stats = { logins: 0 };
const sessions = new Map();
let tokensIssued = 0;

async function issueToken(user, ms) {
  tokensIssued += 1;
  const token = `${user}-token-${tokensIssued}`;
  await sleep(ms);
  return token;
}

async function login(user, ms) {
  const logins = stats.logins; // read
  if (!sessions.has(user)) { // check
    const token = await issueToken(user, ms); // await
    sessions.set(user, token); // act
  }
  stats.logins = logins + 1; // write
  return sessions.get(user);
}

const [t1, t2] = await Promise.all([login('ada', 10), login('ada', 20)]);
console.log(`first login got ${t1}, second got ${t2}`);
console.log(`tokens issued: ${tokensIssued} (1 expected), logins counted: ${stats.logins} (2 expected)`);
