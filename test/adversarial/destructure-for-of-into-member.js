// rule: for ({ v: this.v } of list) and for ([o.a, o.b] of pairs) with awaits in the loop body
class Acc {
  async run (list) {
    const out = []
    for ({ v: this.v } of list) {
      await null
      out.push(this.v)
    }
    const o = {}
    for ([o.a, o.b] of [[1, 2], [3, 4]]) out.push(o.a + o.b)
    return out.join(',')
  }
}

new Acc().run([{ v: 'x' }, { v: 'y' }]).then(console.log)
