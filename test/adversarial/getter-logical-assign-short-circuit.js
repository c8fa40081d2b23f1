// rule: a.b ??= x, a.b ||= x, a.b &&= x: read once, write only when the operator says so, x not evaluated otherwise
const log = []
const rec = (tag, val) => { log.push('eval ' + tag); return val }
const a = new Proxy({ set: 1, unset: undefined, zero: 0 }, {
  get (o, p) { log.push('get ' + String(p)); return o[p] },
  set (o, p, v) { log.push('set ' + String(p)); o[p] = v; return true },
})

async function main () {
  a.set ??= rec('A', 2)
  a.unset ??= rec('B', 3)
  await null
  a.zero ||= rec('C', 4)
  a.set ||= rec('D', 5)
  a.zero &&= rec('E', 6)
  a.unset &&= await rec('F', 7)
  console.log(log.join('\n'))
}

main()
