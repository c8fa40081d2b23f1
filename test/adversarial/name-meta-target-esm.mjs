// rule: variables named meta and target next to import.meta and new.target in an ES module
let meta = 1
let target = 2

function Ctor () { return { nt: typeof new.target, target } }

async function main () {
  meta = meta + 10
  await null
  target = target * 3
  console.log(typeof import.meta, typeof import.meta.url, meta, target, JSON.stringify(new Ctor()))
}

await main()
