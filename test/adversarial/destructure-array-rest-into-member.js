// rule: [a, ...this.rest] = x and [o.first, o.second] = x, in async code
class Parts {
  async split (x) {
    let a
    await null
    ;[a, ...this.rest] = x
    const o = {}
    ;[o.first, , o.third = 'default'] = x.slice(1)
    return [a, this.rest.join('|'), o.first, o.third]
  }
}

new Parts().split(['h', 'i', 'j']).then(r => console.log(JSON.stringify(r)))
