let current = null
const m = new Map()
class Job {
  constructor () { this.host = 'a'; this.rest = null }
  async start (d) {
    this.cancel = () => 'cancelled'
    m.set('k', () => 'fn')
    ;({ host: this.host } = d)
    let a
    ;[a, ...this.rest] = [1, 2, 3]
    current = this
    await null
    log(this.cancel(), m.get('k')(), this.host, a, this.rest)
  }
}
new Job().start({ host: 'b' }).then(() => log('current', current instanceof Job))
