// rule: a program that counts Array.prototype.push calls and makes String.prototype.slice throw, then imports an ES module, counts only its own pushes and gets the module running as untraced
let pushes = 0
const { push } = Array.prototype
const { slice } = String.prototype
Array.prototype.push = function (...items) { pushes++; return Reflect.apply(push, this, items) }
String.prototype.slice = () => { throw new Error('slice is off limits') }
const { collect } = await import('./collect.mjs')
String.prototype.slice = slice
const all = await collect([1, 2, 3], 4)
Array.prototype.push = push
console.log(all.join(','), pushes)
