// rule: a.b.c evaluates the getter a.b once (reads of shared state inside async code are not evaluated twice)
let gets = 0
const a = {
  get b () { gets++; return { c: gets } },
}

async function main () {
  const before = a.b.c
  await null
  const after = a.b.c
  const both = a.b.c + a.b.c
  console.log('values', before, after, both, 'gets', gets)
}

main()
