// rule: delete p.x and delete p[k()] fire deleteProperty once with the right key and return its result
const log = []
const p = new Proxy({ x: 1, y: 2 }, {
  deleteProperty (t, k) { log.push('delete ' + String(k)); return k === 'x' ? Reflect.deleteProperty(t, k) : false },
})
const k = () => { log.push('k()'); return 'y' }

async function main () {
  const r1 = delete p.x
  await null
  const r2 = delete p[k()]
  console.log(r1, r2, JSON.stringify(p), log.join(', '))
}

main()
