// rule: a worker and a child process that receive questions and never answer end as plain; the asker waited in vain
const { Worker } = require('node:worker_threads')
const { fork } = require('node:child_process')
const { join } = require('node:path')

const answers = []
const worker = new Worker(join(__dirname, 'silent-worker.js'))
worker.on('message', (m) => answers.push(m))
worker.postMessage({ square: 3 })
worker.postMessage({ square: 4 })
worker.on('exit', (code) => {
  console.log('worker exit', code, 'answers', answers.length)
  const child = fork(join(__dirname, 'silent-child.js'))
  child.on('message', (m) => answers.push(m))
  child.send({ double: 5 })
  child.on('exit', (code) => console.log('child exit', code, 'answers', answers.length))
})
