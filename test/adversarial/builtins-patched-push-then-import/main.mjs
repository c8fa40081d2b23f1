// rule: a program that counts Array.prototype.push calls and then imports an ES module counts only its own pushes
let pushes = 0
const push = Array.prototype.push
Array.prototype.push = function (...items) { pushes++; return Reflect.apply(push, this, items) }
const list = []
for (const n of [1, 2, 3]) list.push(n)
const before = pushes
const { collect } = await import('./collect.mjs')
const during = pushes - before
const all = await collect(list, 4)
Array.prototype.push = push
console.log(before, during)
console.log(all.join(','), pushes)
