// rule: delete (this.x), delete (o.y) and delete ((o).z) delete the property and return true
class Holder {
  constructor () { this.x = 1 }
  async clear (o) {
    await null
    const r1 = delete (this.x)
    const r2 = delete (o.y)
    const r3 = delete ((o).z)
    return [r1, r2, r3, 'x' in this, 'y' in o, 'z' in o].join(',')
  }
}

new Holder().clear({ y: 2, z: 3 }).then(console.log)
