// rule: statements starting with an object literal in parentheses, a block that looks like an object, labels
async function main () {
  ;({}).toString()
  const r = ({ a: 1 }).a
  await null
  { a: 1 }
  label: { break label }
  const f = () => ({ v: r })
  console.log(r, f().v, (() => {})(), typeof ({} + []))
}
main()
