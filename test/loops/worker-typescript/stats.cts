import { parentPort, workerData } from 'node:worker_threads'

async function summarize (values: number[]): Promise<{ count: number; mean: number }> {
  await Promise.resolve()
  const sum = values.reduce((a, b) => a + b, 0)
  return { count: values.length, mean: sum / values.length }
}

summarize(workerData as number[]).then((stats) => parentPort!.postMessage(stats))
