// Two requests hit the same handler at once: each reads the counter, awaits the database, and writes it back. One visit is lost.
import http from 'node:http';

// A database call takes a while; meanwhile the event loop runs the other request's handler.
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

const server = http.createServer(async (req, res) => {
  if (req.url !== '/visit') {
    res.writeHead(404).end();
    return;
  }
  const visits = await database.load(); // read, then the await lets the other request in
  await database.save(visits + 1); // write back a value computed from a stale read
  res.end(`visit number ${visits + 1}\n`);
  console.log(`${req.method} ${req.url}: counted visit ${visits + 1}`);
});

server.listen(0, '127.0.0.1', () => console.log('listening'));
