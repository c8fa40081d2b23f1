let gets = 0
let sets = 0
const inner = { c: 1, n: 0, x: null }
const a = { get b () { gets++; return inner } }
const traps = []
const p = new Proxy({ v: 1 }, {
  get (t, k, r) { traps.push('get ' + String(k)); return Reflect.get(t, k, r) },
  set (t, k, v, r) { traps.push('set ' + String(k)); return Reflect.set(t, k, v, r) },
})
let k = 0
const key = () => { k++; return 'n' }
async function go () {
  let v = a.b.c
  a.b.n += 1
  a.b[key()]++
  a.b.x ??= 'set'
  p.v = p.v + 1
  p.v += 1
  await null
  inner.c = v + 1
  log(gets, sets, inner, k, traps)
}
go()
