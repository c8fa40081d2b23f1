// p-retry (ESM, async functions with awaits inside loops, AbortSignal): the readme's usage against a local HTTP
// server that fails twice before it answers, then onFailedAttempt, shouldRetry, AbortError, an abort signal,
// makeRetriable and two retrying calls interleaved.
import http from 'node:http'
import pRetry, { AbortError, makeRetriable } from '../.work/vendor/p-retry/index.js'

const delay = (ms) => new Promise(resolve => setTimeout(resolve, ms))

let hits = 0
const server = http.createServer((req, res) => {
  hits++
  console.log(`  server: ${req.method} ${req.url} (hit ${hits})`)
  if (req.url === '/missing') {
    res.writeHead(404, 'Not Found').end()
  } else if (hits < 3) {
    res.writeHead(503, 'Service Unavailable').end()
  } else {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('unicorn')
  }
})
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${server.address().port}`

// --- the readme's usage
const run = (path) => async () => {
  const response = await globalThis.fetch(base + path)
  if (response.status === 404) throw new AbortError(response.statusText)
  if (!response.ok) throw new Error(`status ${response.status}`)
  return response.text()
}
const options = {
  retries: 5,
  minTimeout: 5,
  factor: 1,
  onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
    console.log(`  attempt ${attemptNumber} failed: ${error.message}; ${retriesLeft} retries left`)
  }
}
console.log('readme:', await pRetry(run('/unicorn'), options))
try {
  await pRetry(run('/missing'), options)
} catch (error) {
  console.log(`missing: ${error.name} ${error.message}`)
}
await new Promise(resolve => server.close(resolve))

// --- shouldRetry, non-errors, retries running out
{
  let n = 0
  try {
    await pRetry(async (attempt) => {
      n++
      console.log(`  try ${attempt}`)
      await delay(1)
      if (n === 2) throw new RangeError('do not retry this')
      throw new Error('retry this')
    }, {
      retries: 4,
      minTimeout: 1,
      shouldRetry: ({ error }) => {
        console.log(`  shouldRetry? ${error.name}`)
        return !(error instanceof RangeError)
      }
    })
  } catch (error) {
    console.log(`gave up: ${error.name} ${error.message} after ${n} tries`)
  }
  try {
    await pRetry(() => { throw 'a string' }, { retries: 2, minTimeout: 1 })
  } catch (error) {
    console.log(`non-error: ${error.name} ${error.message}`)
  }
  try {
    await pRetry(async (attempt) => { throw new Error(`always, attempt ${attempt}`) }, { retries: 2, minTimeout: 1, factor: 2 })
  } catch (error) {
    console.log(`ran out: ${error.message}`)
  }
}

// --- an abort signal while it waits to retry
{
  const controller = new AbortController()
  const attempts = pRetry(async (attempt) => {
    console.log(`  signal attempt ${attempt}`)
    if (attempt === 2) setImmediate(() => controller.abort(new Error('stopped by the caller')))
    throw new Error('failing')
  }, { retries: 10, minTimeout: 500, factor: 1, signal: controller.signal })
  try {
    await attempts
  } catch (error) {
    console.log(`aborted: ${error.message}`)
  }
}

// --- makeRetriable, and two retrying calls interleaved
{
  const flaky = new Map()
  const load = makeRetriable(async (key) => {
    const seen = (flaky.get(key) ?? 0) + 1
    flaky.set(key, seen)
    console.log(`  load ${key} #${seen}`)
    await null
    if (seen < (key === 'a' ? 3 : 2)) throw new Error(`${key} not yet`)
    return `${key}:${seen}`
  }, { retries: 3, minTimeout: 10, factor: 1 })
  console.log('makeRetriable', (await Promise.all([load('a'), load('b')])).join(' '))
}
console.log('done')
