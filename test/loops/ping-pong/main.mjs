// rule: main and a worker play ping-pong five times over the worker's port; each side awaits the other's message
import { Worker } from 'node:worker_threads'
import { once } from 'node:events'

const worker = new Worker(new URL('./player.mjs', import.meta.url))
const log = []
for (let round = 1; round <= 5; round++) {
  worker.postMessage({ ping: round })
  const [reply] = await once(worker, 'message')
  log.push(`ping ${round} -> ${reply.pong}`)
}
worker.postMessage('stop')
const [code] = await once(worker, 'exit')
console.log(log.join('\n'))
console.log('worker exit', code)
