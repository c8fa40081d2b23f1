// rule: a BroadcastChannel reaches two workers; each answers on the same channel and main prints the answers sorted
const { Worker, BroadcastChannel } = require('node:worker_threads')
const { join } = require('node:path')

const channel = new BroadcastChannel('news')
const answers = []
let ready = 0
const workers = ['left', 'right'].map((name) => new Worker(join(__dirname, 'listener.js'), { workerData: name }))
for (const w of workers) {
  w.once('message', () => {
    if (++ready === workers.length) channel.postMessage('hello')
  })
}
channel.onmessage = ({ data }) => {
  answers.push(data)
  if (answers.length === workers.length) {
    console.log(answers.sort().join('; '))
    channel.close()
  }
}
