// a module instrumented after the program replaced Function.prototype.call and apply
exports.twice = async function twice (f) {
  const a = f()
  await null
  return a + f()
}
