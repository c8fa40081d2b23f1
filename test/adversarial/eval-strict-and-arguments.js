// rule: eval in strict code does not leak vars; eval sees this and arguments of the enclosing function
'use strict'
function f () {
  eval('var leaked = 1')
  return [typeof leaked, eval('arguments.length'), eval('this === undefined')]
}
async function g (x) { await null; return eval('x * 2') }
console.log(f(1, 2, 3).join(' '))
g(21).then(v => console.log(v))
