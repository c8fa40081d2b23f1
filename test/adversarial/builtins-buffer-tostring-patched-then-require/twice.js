// a module instrumented after the program replaced Buffer and hash methods
exports.twice = async function twice (n) {
  await null
  return n * 2
}
