// Two concurrent HTTP sign-ups for the same name: each handler checks users[name] is free, awaits a simulated database password hash, then registers; both succeed and one account is overwritten.
// expect: check-then-act users[]
import http from 'node:http';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

const users = {};

// Gates that make the overlap deterministic: the client sends the second request once the first is in the handler,
// and the database answers nothing until both requests are being handled.
let requestsSeen = 0;
let firstIn;
const firstRequestIn = new Promise((resolve) => { firstIn = resolve; });
let bothIn;
const bothRequestsIn = new Promise((resolve) => { bothIn = resolve; });

// A simulated database (stands in for node:sqlite, which Node 20 does not have): every call waits on a real timer.
class Database {
  async hashPassword(password, ms) {
    await bothRequestsIn;
    await sleep(ms);
    return `hash(${password})`;
  }
}
const db = new Database();

const server = http.createServer(async (req, res) => {
  requestsSeen += 1;
  if (requestsSeen === 1) firstIn();
  if (requestsSeen === 2) bothIn();
  const params = new URL(req.url, 'http://localhost').searchParams;
  const name = params.get('name');
  const owner = params.get('owner');
  if (users[name] !== undefined) { // check
    res.statusCode = 409;
    res.end(`${name} is taken`);
    return;
  }
  const hash = await db.hashPassword(params.get('password'), Number(params.get('ms'))); // await
  users[name] = { owner, hash }; // act
  res.statusCode = 201;
  res.end(`${name} registered for ${owner}`);
});

function get(port, path) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve(`${res.statusCode} ${body}`));
    }).on('error', reject);
  });
}

server.listen(0, '127.0.0.1');
await once(server, 'listening');
const { port } = server.address();
const first = get(port, '/signup?name=ada&owner=alice&password=one&ms=20');
await firstRequestIn;
const second = get(port, '/signup?name=ada&owner=bob&password=two&ms=10');
const [r1, r2] = await Promise.all([first, second]);
console.log(`alice -> ${r1}`);
console.log(`bob -> ${r2}`);
console.log(`ada belongs to ${users.ada.owner} (${users.ada.hash}), yet both sign-ups were told they succeeded`);
server.close();
await once(server, 'close');
