// rule: cluster: the primary forks one worker, the worker prints and exits, the primary sees its exit code
const cluster = require('node:cluster')

if (cluster.isPrimary) {
  console.log('primary starting')
  const worker = cluster.fork({ ROLE: 'worker' })
  worker.on('message', (m) => console.log('primary got', m))
  worker.on('exit', (code) => console.log('worker exit code', code))
} else {
  console.log('worker running', process.env.ROLE, cluster.worker.id)
  process.send('hello from worker', () => process.exit(5))
}
