// rule: a[k()]++ evaluates k() once and reads and writes the property once each; prefix, postfix and results
const log = []
const store = new Proxy({ x: 1, y: 5 }, {
  get (o, p) { log.push('get ' + String(p)); return o[p] },
  set (o, p, val) { log.push('set ' + String(p) + '=' + val); o[p] = val; return true },
})
let n = 0
const k = () => { log.push('k' + ++n); return n % 2 ? 'x' : 'y' }

async function main () {
  const r1 = store[k()]++
  await null
  const r2 = ++store[k()]
  const r3 = store[k()]--
  log.push(`r=${r1},${r2},${r3}`)
  console.log(log.join('\n'))
}

main()
