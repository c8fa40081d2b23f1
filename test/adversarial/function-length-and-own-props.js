// rule: .length of functions with defaults and rest, and own property names of async, arrow, generator functions
function f (a, b = 1, ...c) {}
async function af (a, b) { await null }
const arrow = async (x, y, z) => {}
function * gen (a) {}
async function * agen () {}
class K { m (a, b) {} }

const names = (fn) => Object.getOwnPropertyNames(fn).sort().join('/')
af().then(() => {
  console.log(f.length, af.length, arrow.length, gen.length, K.prototype.m.length)
  console.log(names(f))
  console.log(names(af), names(arrow), names(gen), names(agen), names(K))
  console.log(Object.prototype.toString.call(af), Object.prototype.toString.call(agen), af.constructor.name, agen.constructor.name)
})
