// rule: inherited getters and setters get the receiver as this; Reflect.get with a receiver; super property set
const base = {
  get who () { return this.name },
  set tag (v) { this._tag = v + '@' + this.name },
}
const child = Object.create(base, { name: { value: 'child' } })
class A { set v (x) { this._v = 'A:' + x } }
class B extends A { setViaSuper (x) { super.v = x; return this._v } }
async function main () {
  await null
  child.tag = 'x'
  console.log(child.who, child._tag, Reflect.get(base, 'who', { name: 'receiver' }), new B().setViaSuper(1))
}
main()
