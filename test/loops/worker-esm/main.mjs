// rule: an ES module worker with top-level await and an import of a sibling module answers the main thread
import { Worker } from 'node:worker_threads'

const worker = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: [3, 4] })
const answer = await new Promise((resolve, reject) => {
  worker.once('message', resolve)
  worker.once('error', reject)
})
console.log('hypotenuse', answer)
