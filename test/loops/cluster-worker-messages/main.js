// rule: cluster: two workers say they are ready, the primary asks each a question, they answer over IPC after an await
const cluster = require('node:cluster')

if (cluster.isPrimary) {
  const answers = []
  let ready = 0
  for (const name of ['a', 'b']) {
    const worker = cluster.fork({ WORKER_NAME: name })
    worker.on('message', (m) => {
      if (m.ready) {
        if (++ready === 2) for (const id in cluster.workers) cluster.workers[id].send({ n: Number(id) + 1 })
        return
      }
      answers.push(`${m.name}: ${m.square}`)
      if (answers.length === 2) {
        console.log(answers.sort().join(', '))
        for (const id in cluster.workers) cluster.workers[id].disconnect()
      }
    })
  }
  cluster.on('exit', (worker, code) => console.log('a worker exited with', code))
} else {
  process.on('message', async (m) => {
    await null
    process.send({ name: process.env.WORKER_NAME, square: m.n * m.n })
  })
  process.send({ ready: true })
}
