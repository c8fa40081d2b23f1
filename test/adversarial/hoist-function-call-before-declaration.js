// rule: a function declaration is callable before its line; inside async functions too, and after an await
console.log(early())

async function main () {
  const a = later()
  await null
  const b = later()
  return a + b
  function later () { return 'L' }
}

function early () { return 'early' }
main().then(console.log)
