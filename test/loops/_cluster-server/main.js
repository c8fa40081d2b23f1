// Not a corpus program (a server: it never ends by itself): loops.test.ts traces it under load. A cluster of two
// workers answers after an await; the primary is stopped once the requests are answered, and its workers leave with it.
const cluster = require('node:cluster')
const http = require('node:http')

if (cluster.isPrimary) {
  cluster.fork()
  cluster.fork()
} else {
  http.createServer(async (req, res) => {
    await null
    res.end(`answer to ${req.url}`)
  }).listen(0, '127.0.0.1')
}
