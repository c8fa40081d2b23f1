// rule: member-path writes in async code (a.b.c = v, a.b.c += 1, a.b.list.push, a.b.map.set) read the getter a.b once each
let gets = 0
const inner = { c: 1, list: [], map: new Map() }
const a = { get b () { gets++; return inner } }
async function main () {
  a.b.c = 1
  await null
  a.b.c += 1
  a.b.list.push(1)
  a.b.map.set('k', a.b.c)
  const x = a.b.c
  if (!a.b.map.has('z')) { await null; a.b.map.set('z', 1) }
  console.log('gets', gets, x)
}
main()
