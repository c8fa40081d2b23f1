// fastify (CommonJS, standard style: no semicolons, 'use strict' with none): runs the examples/ the package ships,
// one after the other, each against real HTTP requests. What this driver changes, and only that: every example
// listens on 127.0.0.1 with a port the system picks (they ask for 3000 or 8000), logs through a stream that leaves out
// what differs from run to run (time, pid, host name, response time), and is closed once its requests are answered.
'use strict'

const http = require('node:http')

const fastifyPath = require.resolve('../.work/vendor/fastify/fastify.js')
const realFastify = require(fastifyPath)

const examples = [
  { file: 'hooks.js', requests: [['GET', '/'], ['POST', '/', { hello: 'world' }], ['POST', '/', { bye: 1 }]] },
  { file: 'asyncawait.js', requests: [['GET', '/await'], ['GET', '/']] },
  { file: 'simple.js', requests: [['GET', '/'], ['GET', '/missing']] },
  { file: 'simple.mjs', requests: [['GET', '/']] },
  { file: 'use-plugin.js', requests: [['GET', '/'], ['POST', '/', {}]] },
  { file: 'route-prefix.js', requests: [['GET', '/english/hello'], ['GET', '/italian/hello']] },
  { file: 'shared-schema.js', requests: [['GET', '/']] },
  { file: 'simple-stream.js', requests: [['GET', '/']] }
]

let current = null // the example running now: { requests, done }

const logStream = {
  write (line) {
    const entry = JSON.parse(line)
    const req = entry.req ? ` ${entry.req.method} ${entry.req.url}` : ''
    const res = entry.res ? ` ${entry.res.statusCode}` : ''
    console.log(`  log ${entry.level} ${entry.reqId ?? '-'} ${String(entry.msg).replace(/:\d+\b/, ':PORT')}${req}${res}`)
  }
}

function fastify (options = {}) {
  const app = realFastify({ ...options, logger: options.logger ? { level: 'info', stream: logStream, timestamp: false, base: null } : false })
  const example = current
  const listen = app.listen
  app.listen = function (listenOptions, callback) {
    console.log(`  listen asked for port ${listenOptions.port}`)
    return listen.call(this, { ...listenOptions, port: 0, host: '127.0.0.1' }, callback)
  }
  app.addHook('onListen', function () {
    const { port } = app.server.address()
    setImmediate(async () => {
      for (const [method, path, body] of example.requests) {
        console.log(`  ${method} ${path}`)
        console.log(`  -> ${await request(port, method, path, body)}`)
      }
      await app.close()
      example.done()
    })
  })
  return app
}
Object.assign(fastify, realFastify, { fastify, default: fastify })
// require('../fastify') in the CommonJS examples gets the wrapper from the cache; simple.mjs's
// `import { fastify } from '../fastify.js'` reads the named export off the exports Node first saw
require.cache[fastifyPath].exports = fastify
realFastify.fastify = fastify
realFastify.default = fastify

function request (port, method, path, body) {
  return new Promise((resolve, reject) => {
    const headers = body ? { 'content-type': 'application/json' } : {}
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => { text += chunk })
      res.on('end', () => resolve(`${res.statusCode} ${text}`))
    })
    req.on('error', reject)
    req.end(body ? JSON.stringify(body) : undefined)
  })
}

async function main () {
  for (const { file, requests } of examples) {
    console.log(`--- examples/${file}`)
    const finished = new Promise((resolve) => { current = { requests, done: resolve } })
    const path = require.resolve(`../.work/vendor/fastify/examples/${file}`)
    if (file.endsWith('.mjs')) await import(path)
    else require(path)
    await finished
  }
  console.log('done')
}

main()
