// No race (fixed r04): two concurrent HTTP orders, but the handler's read-await-write of stock[sku] runs under a promise-chain mutex.
// expect: none
import http from 'node:http';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

const stock = { widget: 5, gadget: 9 };

// A tiny promise-chain lock: each caller runs after the previous one has finished.
class Mutex {
  constructor() {
    this.tail = Promise.resolve();
  }

  runExclusive(fn) {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => {});
    return result;
  }
}
const stockLock = new Mutex();

// Gates that make the overlap deterministic: the client sends the second order once the first is in the handler,
// and the database answers nothing until both orders are being handled.
let requestsSeen = 0;
let firstIn;
const firstRequestIn = new Promise((resolve) => { firstIn = resolve; });
let bothIn;
const bothRequestsIn = new Promise((resolve) => { bothIn = resolve; });

// A simulated database (stands in for node:sqlite, which Node 20 does not have): every call waits on a real timer.
class Database {
  constructor() {
    this.orders = [];
  }

  async insertOrder(sku, qty, ms) {
    await bothRequestsIn;
    await sleep(ms);
    this.orders.push({ sku, qty });
  }
}
const db = new Database();

const server = http.createServer(async (req, res) => {
  requestsSeen += 1;
  if (requestsSeen === 1) firstIn();
  if (requestsSeen === 2) bothIn();
  const params = new URL(req.url, 'http://localhost').searchParams;
  const sku = params.get('sku');
  const qty = Number(params.get('qty'));
  const leftAfter = await stockLock.runExclusive(async () => {
    const left = stock[sku];
    await db.insertOrder(sku, qty, Number(params.get('ms')));
    stock[sku] = left - qty;
    return stock[sku];
  });
  res.end(`ordered ${qty} ${sku}, ${leftAfter} left`);
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
const first = get(port, '/order?sku=widget&qty=2&ms=20');
await firstRequestIn;
const second = get(port, '/order?sku=widget&qty=1&ms=10');
const [r1, r2] = await Promise.all([first, second]);
console.log(`order 1 -> ${r1}`);
console.log(`order 2 -> ${r2}`);
const ordered = db.orders.reduce((sum, order) => sum + order.qty, 0);
console.log(`widgets ordered: ${ordered}, stock left: ${stock.widget}`);
server.close();
await once(server, 'close');
