// rule: a program that counts Array.prototype.push calls and then requires a CommonJS module counts only its own pushes (the module is instrumented where the program's builtins do not reach)
let pushes = 0
const push = Array.prototype.push
Array.prototype.push = function (...items) { pushes++; return Reflect.apply(push, this, items) }
const list = []
for (const n of [1, 2, 3]) list.push(n)
const before = pushes
const { collect } = require('./collect')
const during = pushes - before
collect(list, 4).then((all) => {
  Array.prototype.push = push
  console.log(before, during)
  console.log(all.join(','), pushes)
})
