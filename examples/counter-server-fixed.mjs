// The same service, fixed: a transaction on node:sqlite (a lock on older Node) makes each read-modify-write one step.
// No other request can slip in between the read and the write. Where this Node has node:sqlite (22.5 and later) the
// counter lives in a SQLite database and a transaction makes the read-modify-write atomic; on Node 20 a lock lets
// one request at a time through.
import http from 'node:http';

const sqlite = await import('node:sqlite').catch(() => null);
const database = sqlite ? sqliteDatabase(sqlite.DatabaseSync) : lockedDatabase();
console.log(`the fix: ${database.fix}`);

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sqliteDatabase(DatabaseSync) {
  const db = new DatabaseSync(':memory:');
  db.exec('CREATE TABLE counter (visits INTEGER NOT NULL); INSERT INTO counter (visits) VALUES (0);');
  const read = db.prepare('SELECT visits FROM counter');
  const write = db.prepare('UPDATE counter SET visits = ?');
  return {
    fix: 'a transaction on node:sqlite',
    async countVisit() {
      await sleep(20); // the round trip to the database
      db.exec('BEGIN IMMEDIATE'); // read and write inside one transaction: nothing runs in between
      try {
        const visits = read.get().visits + 1;
        write.run(visits);
        db.exec('COMMIT');
        return visits;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    },
  };
}

function lockedDatabase() {
  const store = {
    visits: 0,
    async load() {
      await sleep(20);
      return this.visits;
    },
    async save(value) {
      await sleep(5);
      this.visits = value;
    },
  };
  // One request at a time through the read-modify-write: each waits for the one before it.
  let lock = Promise.resolve();
  function serialized(work) {
    const run = lock.then(work);
    lock = run.catch(() => {});
    return run;
  }
  return {
    fix: 'a lock (this Node has no node:sqlite)',
    countVisit: () =>
      serialized(async () => {
        const visits = await store.load();
        await store.save(visits + 1);
        return visits + 1;
      }),
  };
}

const server = http.createServer(async (req, res) => {
  if (req.url !== '/visit') {
    res.writeHead(404).end();
    return;
  }
  const counted = await database.countVisit();
  res.end(`visit number ${counted}\n`);
  console.log(`${req.method} ${req.url}: counted visit ${counted}`);
});

server.listen(0, '127.0.0.1', () => console.log('listening'));
