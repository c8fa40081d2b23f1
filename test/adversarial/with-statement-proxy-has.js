// rule: sloppy with statement: names resolve through the object (has trap counted), reads and writes inside async code
const log = []
const scope = new Proxy({ a: 1, b: 2 }, {
  has (t, k) { if (typeof k === 'string' && k.length === 1) log.push('has ' + k); return k in t },
  get (t, k) { if (typeof k === 'string') log.push('get ' + k); return t[k] },
  set (t, k, v) { log.push('set ' + String(k)); t[k] = v; return true },
})
var c = 10

async function main () {
  with (scope) {
    a = b + c
    await null
    b++
  }
  console.log(log.join(', '))
  console.log(JSON.stringify(scope), c)
}

main()
