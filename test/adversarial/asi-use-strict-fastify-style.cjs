// rule: fastify's examples/hooks.js shape: 'use strict' with no semicolon, then requires and async hooks
'use strict'

const { EventEmitter } = require('node:events')

const app = new EventEmitter()
const hooks = { onRequest: [], onResponse: [] }

hooks.onRequest.push(async function (req) {
  req.seen = true
  await null
  req.user = 'anon'
})
hooks.onResponse.push(async function (req, reply) {
  reply.sent = req.user
})

app.on('request', async (req, reply) => {
  for (const h of hooks.onRequest) await h(req, reply)
  for (const h of hooks.onResponse) await h(req, reply)
  console.log('handled', req.url, req.seen, reply.sent)
})

app.emit('request', { url: '/' }, {})
