// Two concurrent HTTP requests run the same handler: each reads stats.hits, awaits a simulated database insert, and writes hits + 1 back, so one hit is lost.
// expect: lost-update stats.hits
const http = require('node:http');
const { once } = require('node:events');
const { setTimeout: sleep } = require('node:timers/promises');

const stats = { hits: 0 };

// Gates that make the overlap deterministic: the client sends the second request once the first is in the handler,
// and the database answers nothing until both requests are being handled.
let requestsSeen = 0;
let firstIn;
const firstRequestIn = new Promise((resolve) => { firstIn = resolve; });
let bothIn;
const bothRequestsIn = new Promise((resolve) => { bothIn = resolve; });

// A simulated database (stands in for node:sqlite, which Node 20 does not have): every call waits on a real timer.
class Database {
  constructor() {
    this.visits = [];
  }

  async insertVisit(path, ms) {
    await bothRequestsIn;
    await sleep(ms);
    this.visits.push(path);
  }
}
const db = new Database();

const server = http.createServer(async (req, res) => {
  requestsSeen += 1;
  if (requestsSeen === 1) firstIn();
  if (requestsSeen === 2) bothIn();
  const hits = stats.hits; // read
  await db.insertVisit(req.url, req.url === '/a' ? 20 : 10); // await
  stats.hits = hits + 1; // write
  res.end(`you are visitor ${stats.hits}`);
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

async function main() {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  const a = get(port, '/a');
  await firstRequestIn;
  const b = get(port, '/b');
  const [ra, rb] = await Promise.all([a, b]);
  console.log(`GET /a -> ${ra}`);
  console.log(`GET /b -> ${rb}`);
  console.log(`database rows: ${db.visits.length}, stats.hits: ${stats.hits} (should match)`);
  server.close();
}

main();
