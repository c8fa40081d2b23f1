function top () {
  var f
  function f () { return 'f' }
  return typeof f
}
log(top())
async function tdz () {
  try { log(later) } catch (e) { log(e.name) }
  let later = 1
  { let later = 2; log(later) }
  log(later, hoisted())
  function hoisted () { return 'hoisted' }
}
tdz()
function outer (cb = () => 'default') { return cb() }
log(outer())
function closes () {
  function g () { return lock }
  let lock = 'lock after the function'
  return g()
}
log(closes())
