// rule: typeof of a let in its temporal dead zone throws ReferenceError (message printed)
function check () {
  try {
    return typeof later
  } catch (e) {
    return e.constructor.name + ': ' + e.message
  }
}
console.log(check())
let later = 1
console.log(typeof later)
