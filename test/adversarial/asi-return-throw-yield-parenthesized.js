// rule: `return (`, `throw (` and `yield (` with the argument on the next lines keep their argument (printed on its original line, it needs the parentheses)
function value () {
  return (
    'returned'
  )
}
function fail () {
  throw (
    new Error('thrown')
  )
}
function * gen () {
  yield (
    'yielded'
  )
  const x = yield (
    41
  )
  return (
    x + 1
  )
}
const arrow = () => (
  'arrow body'
)
const member = { v: 3 }
function sum () {
  return (
    member.v +
    4
  )
}
async function later () {
  return (
    await Promise.resolve('awaited')
  )
}
console.log(value(), arrow(), sum())
try { fail() } catch (e) { console.log(e.message) }
const g = gen()
console.log(g.next().value, g.next().value, g.next(41).value)
later().then(v => console.log(v))
