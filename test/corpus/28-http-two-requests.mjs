// http server on loopback, two concurrent client requests hit the same async handler and interleave at its awaits
import http from 'node:http';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

const arrived = [];
let releaseFirst;
const bothArrived = new Promise((resolve) => {
  releaseFirst = resolve;
});
let signalFirstStarted;
const firstStarted = new Promise((resolve) => {
  signalFirstStarted = resolve;
});

const server = http.createServer(async (req, res) => {
  const who = req.url.slice(1);
  console.log(`handler(${who}): request received`); // queue: io
  arrived.push(who);
  if (arrived.length === 1) signalFirstStarted();
  if (arrived.length === 2) releaseFirst();
  await bothArrived; // await
  console.log(`handler(${who}): resumed, ${arrived.length} requests in flight`); // queue: microtask
  await sleep(who === 'a' ? 5 : 40); // await
  console.log(`handler(${who}): responding`); // queue: microtask
  res.setHeader('content-type', 'text/plain');
  res.end(`hello ${who}`);
});

server.listen(0, '127.0.0.1');
await once(server, 'listening'); // await
const { port } = server.address();

async function get(path) {
  const res = await new Promise((resolve, reject) => { // await
    http.get({ host: '127.0.0.1', port, path }, resolve).on('error', reject);
  });
  let body = '';
  for await (const chunk of res) body += chunk; // await
  return `${res.statusCode} ${body}`;
}

const a = get('/a');
await firstStarted; // await
console.log('client: a is being handled, sending b'); // queue: microtask
const b = get('/b');
const [ra, rb] = await Promise.all([a, b]); // await
console.log(`client: a -> ${ra}`); // queue: microtask
console.log(`client: b -> ${rb}`); // queue: microtask
server.close();
await once(server, 'close'); // await
console.log('server closed'); // queue: microtask
