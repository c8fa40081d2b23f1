// rule: var that redeclares a parameter keeps its value; var in a loop is function scoped; arguments stay mapped
function f (a) {
  var a
  return a
}

async function g (b) {
  var b
  await null
  for (var i = 0; i < 3; i++) { var inLoop = i }
  return [b, i, inLoop].join(',')
}

console.log(f('param'))
g('B').then(console.log)
