// rule: ({ [k()]: o[t()] } = src) evaluates key, target object and key, then value, in the spec's order
const log = []
const k = (n) => { log.push('key ' + n); return 'p' + n }
const t = (n) => { log.push('target ' + n); return 'q' + n }
const src = new Proxy({ p1: 1, p2: 2 }, { get (o, key) { log.push('get ' + String(key)); return o[key] } })
const o = new Proxy({}, { set (obj, key, v) { log.push('set ' + String(key) + '=' + v); obj[key] = v; return true } })

async function main () {
  await null
  ;({ [k(1)]: o[t(1)], [k(2)]: o[t(2)] } = src)
  console.log(log.join('\n'))
}

main()
