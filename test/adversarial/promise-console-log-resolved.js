// rule: console.log of resolved promises (values, objects, nested) prints as untraced
async function value () { return { a: 1, list: [1, 2] } }

async function main () {
  const p1 = Promise.resolve(42)
  const p2 = value()
  const p3 = Promise.resolve(Promise.resolve('inner'))
  await p2
  await null
  console.log(p1)
  console.log(p2)
  console.log(p3)
  console.log(Promise.all([p1, p2]))
}

main()
