// rule: direct eval sees and creates local variables (sloppy), indirect eval is global, in async functions too
var g = 'global g'
async function main () {
  var local = 'local'
  await null
  const seen = eval('local')
  eval('var created = "made by eval"')
  const indirect = (0, eval)('typeof local')
  const fromFn = new Function('a', 'return a + 1')(41)
  console.log(seen, created, indirect, fromFn, eval('g'))
}
main()
