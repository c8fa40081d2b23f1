// rule: typeof of an undeclared name is 'undefined' (no ReferenceError), also in async code and in an ES-style check
async function main () {
  const a = typeof notDeclaredAnywhere
  await null
  const b = typeof window === 'undefined' ? 'node' : 'browser'
  let c
  try { c = typeof notDeclared.property } catch (e) { c = e.constructor.name + ': ' + e.message }
  console.log(a, b, c)
}

main()
