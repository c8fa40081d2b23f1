// rule: var f; function f () {} at a function's top level (and in an async function) is legal; f is the function
function outer () {
  var f
  function f () { return 'fn' }
  return typeof f
}

async function asyncOuter () {
  var g
  await null
  function g () { return 'g' }
  var h = 1
  function h () {}
  return typeof g + ' ' + typeof h
}

var top
function top () {}
console.log(outer(), typeof top)
asyncOuter().then(console.log)
