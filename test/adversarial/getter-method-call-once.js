// rule: a.b.c() reads a.b once and calls c with this = a.b, inside async code, before and after an await
let reads = 0
const inner = { name: 'inner', c () { return this.name } }
const a = { get b () { reads++; return inner } }

async function main () {
  const x = a.b.c()
  await null
  const y = a.b.c()
  const z = await a.b.c()
  console.log(x, y, z, 'reads', reads)
}

main()
