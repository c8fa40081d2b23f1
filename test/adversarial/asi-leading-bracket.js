// rule: semicolon-less file: lines starting with [ (destructuring swap, array literal) after member reads
const pair = { a: 1, b: 2 }

async function swap () {
  let x = pair.a
  let y = pair.b
  ;[x, y] = [y, x]
  await Promise.resolve()
  const z = pair.a
  ;[pair.a, pair.b] = [pair.b, z]
  console.log('x', x, 'y', y, 'pair', pair.a, pair.b)
  const list = [pair.a]
  ;[10, 20].forEach(v => list.push(v))
  console.log(list.join(','))
}

swap()
