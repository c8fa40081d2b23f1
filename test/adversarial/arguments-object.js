// rule: arguments in sloppy (mapped) and strict (unmapped) functions, in arrows (outer's) and after awaits
function sloppy (a) { a = 'changed'; return arguments[0] + ' ' + arguments.length }
function strict (a) { 'use strict'; a = 'changed'; return arguments[0] }
function outer () { const inner = () => arguments.length; return inner(9, 9, 9) }

async function asyncArgs (x, y) {
  await null
  const n = arguments.length
  arguments[0] = 'set'
  return [n, x, Array.from(arguments).join('+')].join(' ')
}

console.log(sloppy('orig', 2), '|', strict('orig'), '|', outer(1, 2))
asyncArgs('x', 'y', 'z').then(console.log)
