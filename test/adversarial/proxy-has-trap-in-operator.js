// rule: 'k' in p, #x in obj-free checks and Reflect.has fire the has trap once each
const log = []
const p = new Proxy({ k: 1 }, { has (t, k) { log.push('has ' + String(k)); return k in t } })

async function main () {
  const r = ['k' in p, 'z' in p]
  await null
  if ('k' in p && !('q' in p)) r.push('both')
  console.log(r.join(','), log.join(' | '))
}

main()
