// The same service, fixed: the read-modify-write runs under a lock, so the second request waits for the first.
import http from 'node:http';

const database = {
  visits: 0,
  async load() {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return this.visits;
  },
  async save(value) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.visits = value;
  },
};

// One request at a time through the critical section (a database would use a transaction, or UPDATE ... + 1).
let lock = Promise.resolve();
function serialized(work) {
  const run = lock.then(work);
  lock = run.catch(() => {});
  return run;
}

const server = http.createServer(async (req, res) => {
  if (req.url !== '/visit') {
    res.writeHead(404).end();
    return;
  }
  const counted = await serialized(async () => {
    const visits = await database.load();
    await database.save(visits + 1);
    return visits + 1;
  });
  res.end(`visit number ${counted}\n`);
  console.log(`${req.method} ${req.url}: counted visit ${counted}`);
});

server.listen(0, '127.0.0.1', () => console.log('listening'));
