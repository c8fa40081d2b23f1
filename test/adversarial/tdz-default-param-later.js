// rule: a parameter default referring to a later parameter throws ReferenceError; earlier ones work
function f (a = b, b = 1) { return a + b }
function g (a = 1, b = a + 1) { return a + b }
async function h (x = y, y) { await null; return x }

try { f() } catch (e) { console.log(e.constructor.name, e.message) }
console.log(g())
h().catch(e => console.log('async', e.constructor.name, e.message))
