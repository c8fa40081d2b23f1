// rule: function name inference on assignment: handler = function () {}, = () => {}, = class {}, = async () => {}
let handler, arrow, Klass, asyncArrow, gen
const o = {}

async function main () {
  handler = function () {}
  arrow = () => {}
  await null
  Klass = class {}
  asyncArrow = async () => {}
  gen = function * () {}
  o.member = function () {}
  o['computed'] = () => {}
  console.log(JSON.stringify([handler.name, arrow.name, Klass.name, asyncArrow.name, gen.name, o.member.name, o.computed.name]))
}

main()
