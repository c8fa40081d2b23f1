// rule: sloppy script: delete flag (a var: false) and delete of an implicit global (true); the value stays or goes
var flag = true
implicitGlobal = 5

async function main () {
  const r1 = delete flag
  await null
  const r2 = delete implicitGlobal
  const r3 = delete notDefinedAnywhere
  console.log(r1, r2, r3, typeof flag, typeof implicitGlobal)
}

main()
