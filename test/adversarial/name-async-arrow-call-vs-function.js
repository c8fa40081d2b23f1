// rule: async as an identifier call (async (x)) vs an async arrow; async as a property name
function async (v) { return 'fn:' + v }
const o = { async: 1, async async () { return 'method' } }

const a = async (2)
const b = async (x) => x
const c = async
(3)

async function main () {
  console.log(a, typeof b, c, o.async === o.async, await o.async())
}

main()
