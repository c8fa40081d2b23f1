// rule: ES module top level: this is undefined, code is strict (assignment to an undeclared name throws)
console.log(typeof this)
try { undeclaredName = 1 } catch (e) { console.log(e.constructor.name, e.message) }
const f = function () { return this }
console.log(f() === undefined, (() => this)())
await null
console.log('after top-level await', typeof this)
