// Two concurrent HTTP requests: a quote reads unitPrice, awaits a simulated database lookup, and answers with the old price after a price update request changed it.
// expect: stale-read unitPrice
const http = require('node:http');
const { once } = require('node:events');
const { setTimeout: sleep } = require('node:timers/promises');

let unitPrice = 10;

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
    this.priceHistory = [];
  }

  async shippingFor(qty, ms) {
    await bothRequestsIn;
    await sleep(ms);
    return qty > 2 ? 5 : 8;
  }

  async savePrice(price, ms) {
    await bothRequestsIn;
    await sleep(ms);
    this.priceHistory.push(price);
  }
}
const db = new Database();

const server = http.createServer(async (req, res) => {
  requestsSeen += 1;
  if (requestsSeen === 1) firstIn();
  if (requestsSeen === 2) bothIn();
  const params = new URL(req.url, 'http://localhost').searchParams;
  if (req.url.startsWith('/quote')) {
    const qty = Number(params.get('qty'));
    const price = unitPrice; // read
    const shipping = await db.shippingFor(qty, 150); // await
    res.end(`${qty} x ${price} + ${shipping} shipping = ${qty * price + shipping}`); // use
  } else {
    const newPrice = Number(params.get('value'));
    await db.savePrice(newPrice, 5);
    unitPrice = newPrice;
    res.end(`price is now ${newPrice}`);
  }
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
  const quote = get(port, '/quote?qty=3');
  await firstRequestIn;
  const update = get(port, '/set-price?value=12');
  const [rq, ru] = await Promise.all([quote, update]);
  console.log(`GET /quote -> ${rq}`);
  console.log(`GET /set-price -> ${ru}`);
  console.log(`unit price at the end: ${unitPrice}, yet the quote used 10`);
  server.close();
}

main();
