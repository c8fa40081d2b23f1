// rule: semicolon-less arrow functions with expression bodies that span lines, inside async code
const cfg = { base: 10, mult: 3 }

async function main () {
  const f = x =>
    x * cfg.mult
  const g = async x =>
    (await x) + cfg.base
  await null
  const h = () => ({
    base: cfg.base
  })
  console.log(f(2), await g(1), h().base)
}

main()
