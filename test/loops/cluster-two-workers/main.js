// rule: cluster with two workers answering loopback HTTP requests; the primary prints the answers in order
const cluster = require('node:cluster')
const http = require('node:http')

if (cluster.isPrimary) {
  const workers = [cluster.fork({ WORKER_NAME: 'a' }), cluster.fork({ WORKER_NAME: 'b' })]
  let listening = 0
  let port
  cluster.on('listening', async (_worker, address) => {
    port = address.port
    if (++listening < workers.length) return
    const answers = []
    for (let i = 0; i < 4; i++) {
      const body = await new Promise((resolve, reject) => {
        http.get({ port, path: `/${i}`, agent: false }, (res) => {
          let text = ''
          res.setEncoding('utf8').on('data', (d) => { text += d }).on('end', () => resolve(text))
        }).on('error', reject)
      })
      answers.push(body.replace(/ by [ab]$/, ''))
    }
    console.log(answers.join(' | '))
    for (const w of workers) w.disconnect()
  })
  let exited = 0
  cluster.on('exit', () => { if (++exited === workers.length) console.log('both cluster workers exited') })
} else {
  http.createServer(async (req, res) => {
    await null
    res.end(`answer to ${req.url} by ${process.env.WORKER_NAME}`)
  }).listen(0, '127.0.0.1')
}
