// express 5 (CommonJS: its lib/ copied, so application, request, response and express.js are instrumented; router,
// body-parser and the rest stay in node_modules): routing, middleware chains with next(), async handlers whose
// rejections reach the error handler, params, a sub-router, JSON bodies, and real HTTP requests on 127.0.0.1 sent
// one after the other, printing in every handler.
'use strict'

const http = require('node:http')
const express = require('../.work/vendor/express/index.js')

const log = (...args) => console.log(...args)
const app = express()
app.set('etag', false)
app.set('x-powered-by', false)

app.use((req, res, next) => {
  log(`  mw1 ${req.method} ${req.url}`)
  res.on('finish', () => log(`  finish ${req.method} ${req.originalUrl} -> ${res.statusCode}`))
  next()
})
app.use(async (req, res, next) => {
  await null
  log('  mw2 (async, after a microtask)')
  next()
})
app.use(express.json())

app.param('id', (req, res, next, id) => {
  log(`  param id=${id}`)
  req.item = { id: Number(id) }
  setImmediate(next)
})

app.get('/', (req, res) => {
  log('  handler /')
  res.send('hello world')
})

app.get('/items/:id', (req, res, next) => {
  log(`  first handler for item ${req.item.id}`)
  if (req.item.id === 0) return next('route')
  next()
}, async (req, res) => {
  await new Promise((resolve) => setTimeout(resolve, 5))
  log('  second handler (after a timer)')
  res.json({ item: req.item, query: req.query })
})
app.get('/items/:id', (req, res) => {
  log('  fallback route for item 0')
  res.status(404).json({ error: 'no item 0' })
})

app.post('/echo', (req, res) => {
  log(`  echo body ${JSON.stringify(req.body)}`)
  res.status(201).json({ got: req.body })
})

app.get('/fail-async', async () => {
  await null
  log('  about to reject')
  throw new Error('async failure')
})
app.get('/fail-sync', () => {
  log('  about to throw')
  throw new Error('sync failure')
})

const api = express.Router()
api.use((req, res, next) => {
  log(`  api router sees ${req.url} (baseUrl ${req.baseUrl})`)
  next()
})
api.route('/users/:name')
  .get((req, res) => res.send(`user ${req.params.name}`))
  .put((req, res) => res.send(`updated ${req.params.name}`))
app.use('/api', api)

app.use((req, res) => {
  log(`  not found ${req.url}`)
  res.status(404).send('not found')
})
app.use((err, req, res, _next) => {
  log(`  error handler: ${err.message}`)
  res.status(500).send(`error: ${err.message}`)
})

function request (port, method, path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent: false, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve(`${res.statusCode} ${res.headers['content-type'] ?? '-'} ${text}`))
    })
    req.on('error', reject)
    req.end(body ? JSON.stringify(body) : undefined)
  })
}

const server = app.listen(0, '127.0.0.1', async () => {
  log('listening')
  const { port } = server.address()
  const requests = [
    ['GET', '/'],
    ['GET', '/items/7?color=red'],
    ['GET', '/items/0'],
    ['POST', '/echo', { a: 1, b: [true, null] }],
    ['GET', '/fail-async'],
    ['GET', '/fail-sync'],
    ['GET', '/api/users/ann'],
    ['PUT', '/api/users/bo'],
    ['GET', '/nowhere']
  ]
  for (const [method, path, body] of requests) {
    log(`${method} ${path}`)
    log(`  -> ${await request(port, method, path, body)}`)
  }
  server.close(() => log('closed'))
})
