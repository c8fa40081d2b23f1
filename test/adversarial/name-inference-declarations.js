// rule: const f = async () => {}, let g = function () {}, var C = class {}, destructuring defaults, all named
const f = async () => {}
let g = function () {}
var C = class {}
const { h = () => {} } = {}
const [i = async function * () {}] = []
const named = function realName () {}
const paren = (() => {})

async function main () {
  const inner = async () => { await null }
  await inner()
  console.log(JSON.stringify([f.name, g.name, C.name, h.name, i.name, named.name, paren.name, inner.name]))
}

main()
