// Two requests hit the same handler at the same time and interleave at its await: a lost update on a real server.
import http from 'node:http';
import { once } from 'node:events';

let visits = 0; // shared state, outlives every request
const slowDatabase = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 20));

const server = http.createServer(async (req, res) => {
  const seen = visits; // read
  await slowDatabase(seen); // the other request runs while this one waits
  visits = seen + 1; // write based on a stale read
  res.end(`visit ${visits}\n`);
});

server.listen(0, '127.0.0.1');
await once(server, 'listening');
const { port } = server.address();

const get = (path) =>
  new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(body.trim()));
    }).on('error', reject);
  });

const answers = await Promise.all([get('/a'), get('/b')]);
console.log(answers.join(' | '));
console.log(`two requests, but visits = ${visits}`);
server.close();
