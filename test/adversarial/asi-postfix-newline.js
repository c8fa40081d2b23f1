// rule: ASI with ++ on the next line: a\n++b increments b, not a
const o = { a: 1, b: 1 }

async function main () {
  let a = o.a
  let b = o.b
  a
  ++b
  await null
  o.a
  ++o.b
  console.log('a', a, 'b', b, 'o', o.a, o.b)
}

main()
