// rule: code before super() in a derived constructor (new.target, locals), class heritage from a call, labeled functions
function Base () { return class { constructor () { this.k = 'base' } } }
class D extends Base() {
  constructor () {
    const before = typeof new.target
    super()
    this.b = before
  }
}
class E extends D { constructor () { try { super() } finally { this.e = 'after super in finally' } } }
label: function labeled () {}
async function main () {
  await null
  console.log(JSON.stringify(new D()), JSON.stringify(new E()), typeof labeled)
}
main()
