import { parentPort, workerData } from 'node:worker_threads'
import { hypot } from './geometry.mjs'

const [a, b] = workerData
await new Promise((resolve) => setTimeout(resolve, 2))
parentPort.postMessage(hypot(a, b))
