// rule: function name inference with logical assignment: X ||= class {}, Y ??= function () {}, Z &&= () => {}
let X = null
let Y
let Z = 1
let W = 0

async function main () {
  X ||= class {}
  Y ??= function () {}
  await null
  Z &&= () => {}
  W ||= async function () {}
  console.log(JSON.stringify([X.name, Y.name, Z.name, W.name]))
}

main()
