// rule: object spread and Object.assign of a Proxy fire ownKeys, descriptor and get traps in order, once
const log = []
const p = new Proxy({ a: 1, b: 2 }, {
  ownKeys (t) { log.push('ownKeys'); return Reflect.ownKeys(t) },
  getOwnPropertyDescriptor (t, k) { log.push('gopd ' + k); return Reflect.getOwnPropertyDescriptor(t, k) },
  get (t, k) { log.push('get ' + String(k)); return Reflect.get(t, k) },
})

async function main () {
  const copy = { ...p }
  await null
  const assigned = Object.assign({}, p)
  console.log(JSON.stringify(copy), JSON.stringify(assigned))
  console.log(log.join(', '))
}

main()
