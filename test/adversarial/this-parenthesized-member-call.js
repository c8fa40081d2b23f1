// rule: (this.f)() and (a.b)() keep this; (0, a.b)() does not; inside async methods and after awaits
'use strict'
const a = { name: 'a', b () { return this === undefined ? 'undefined' : this.name } }

class K {
  constructor () { this.name = 'k' }
  f () { return this === undefined ? 'undefined' : this.name }
  async run () {
    const r1 = (this.f)()
    await null
    const r2 = ((this.f))()
    const r3 = (0, this.f)()
    const r4 = (a.b)()
    const r5 = (a['b'])()
    const r6 = (0, a.b)()
    return [r1, r2, r3, r4, r5, r6].join(' ')
  }
}

new K().run().then(console.log)
