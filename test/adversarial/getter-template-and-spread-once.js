// rule: getters read once in template literals, spread and object spread, inside async code
let n = 0
const src = { get v () { return ++n }, get list () { n++; return [1, 2] } }

async function main () {
  const s = `${src.v}-${src.v}`
  await null
  const arr = [...src.list, ...src.list]
  const obj = { ...src }
  console.log(s, arr.join(''), JSON.stringify(obj), 'n', n)
}

main()
