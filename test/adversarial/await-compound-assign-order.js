// rule: x += await y reads x before the await: a concurrent write in between is lost, exactly as untraced
let x = 1
const o = { n: 1 }

async function add (v) {
  x += await v
  o.n += await v
}

async function main () {
  const p = add(10)
  x = 100
  o.n = 100
  await p
  console.log('x', x, 'o.n', o.n)
}

main()
