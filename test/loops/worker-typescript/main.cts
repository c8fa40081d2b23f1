// rule: a TypeScript worker (loaded through a small CommonJS entry, as projects do) answers a TypeScript main file
import { Worker } from 'node:worker_threads'
import { join } from 'node:path'

interface Stats { count: number; mean: number }

const worker = new Worker(join(__dirname, 'stats-entry.js'), { workerData: [2, 4, 6, 8] })
worker.on('message', (stats: Stats) => console.log(`count ${stats.count}, mean ${stats.mean}`))
worker.on('error', (err: Error) => console.log('worker failed:', err.message))
