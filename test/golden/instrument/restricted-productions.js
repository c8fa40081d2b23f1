// return, throw and yield take no line break before their argument: an argument the original wrapped in
// parentheses onto later lines is printed on its own line, so the parentheses come back
const state = { v: 1 }
function value () {
  return (
    state.v + 1
  )
}
function fail () {
  throw (
    new Error('thrown')
  )
}
function * gen () {
  const x = yield (
    'first'
  )
  yield (
    x * 2
  )
}
async function later () {
  state.v = 5
  await null
  return (
    state.v
  )
}
log(value())
try { fail() } catch (e) { log(e.message) }
const g = gen()
log(g.next().value, g.next(21).value)
later().then((v) => log(v))
