// rule: await a.b and await a.b.c() read the getter once; a thenable's then is looked up once
const log = []
const a = {
  get b () { log.push('get b'); return Promise.resolve('B') },
  get t () {
    log.push('get t')
    return { get then () { log.push('get then'); return (res) => res('T') } }
  },
}

async function main () {
  const b = await a.b
  const t = await a.t
  log.push(b + t)
  console.log(log.join('\n'))
}

main()
