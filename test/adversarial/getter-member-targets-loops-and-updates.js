// rule: member targets through a getter in for-of/for-in heads, ++, chained assignment, spread, new a.b.C, private compound assignment
let gets = 0
const inner = { x: 0, y: 0, list: [1, 2], C: class { constructor () { this.v = 'C' } } }
const o = { get p () { gets++; return inner } }
const t = (v) => v
class Base {}
class Priv {
  #x = 1
  #n
  async bump () { this.#x += await t(2); this.#n ??= await t(5); this.#n ||= 9; return this.#x + this.#n }
}
async function main () {
  const out = []
  for (o.p.x of [1, 2]) out.push(inner.x)
  for (o.p.y in { k1: 1, k2: 2 }) out.push(inner.y)
  await null
  o.p.x++
  ++o.p.x
  o.p.x = o.p.y = 7
  out.push(Math.max(...o.p.list), new o.p.C().v)
  class A extends (t('x'), Base) {}
  out.push(new A() instanceof Base, await new Priv().bump())
  out.push('gets ' + gets)
  console.log(out.join(' '))
}
main()
