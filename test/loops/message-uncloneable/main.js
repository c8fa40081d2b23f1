// rule: a postMessage that throws (a function cannot be cloned) sends nothing; the two messages after it are answered in order
const { Worker } = require('node:worker_threads')
const { join } = require('node:path')

const worker = new Worker(join(__dirname, 'echo.js'))
const answers = []
worker.on('message', (m) => {
  answers.push(m)
  if (answers.length === 2) {
    console.log('answers:', answers.join(', '))
    worker.terminate()
  }
})
try {
  worker.postMessage({ run: () => 1 })
} catch (err) {
  console.log('not sent:', err.name)
}
worker.postMessage('first')
worker.postMessage('second')
