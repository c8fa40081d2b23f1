// rule: a?.b?.c and a?.[f()] evaluate each part once; short-circuit skips the rest (f not called)
let reads = 0
let calls = 0
const a = { get b () { reads++; return { c: 'C' } } }
const none = null
const f = () => { calls++; return 'k' }

async function main () {
  const r1 = a?.b?.c
  await null
  const r2 = none?.b.c.d
  const r3 = none?.[f()]
  const r4 = a.b?.missing?.deeper
  console.log(r1, r2, r3, r4, 'reads', reads, 'calls', calls)
}

main()
