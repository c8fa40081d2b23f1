// rule: this.cancel = () => x inside async code (a function-entry rewrite and a member-write rewrite must not cross)
class Job {
  constructor (name) { this.name = name; this.cancelled = false }
  async start () {
    this.cancel = () => { this.cancelled = true; return this.name }
    this.onDone = async () => this.name + ' done'
    await null
    this.label = function () { return 'label ' + this.name }
    return this.cancel()
  }
}

async function main () {
  const j = new Job('j1')
  console.log(await j.start(), j.cancelled, await j.onDone(), j.label())
}

main()
