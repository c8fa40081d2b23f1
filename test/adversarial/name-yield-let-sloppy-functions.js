// rule: sloppy functions with parameters named yield and let, and a local named static
function f (yield, let) {
  var static = yield + let
  return static
}

async function g (yield) {
  await null
  return yield * 2
}

console.log(f(1, 2))
g(21).then(v => console.log(v))
