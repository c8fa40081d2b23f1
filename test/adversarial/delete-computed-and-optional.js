// rule: delete o[k()] evaluates k once; delete a?.b on null returns true; delete of a non-configurable throws in strict
'use strict'
const log = []
const o = { a: 1, b: 2 }
const k = () => { log.push('k'); return 'a' }
const none = null

async function main () {
  const r1 = delete o[k()]
  await null
  const r2 = delete none?.b
  const r3 = delete o?.b
  let r4
  try { delete Object.freeze({ x: 1 }).x } catch (e) { r4 = e.constructor.name }
  console.log(r1, r2, r3, r4, JSON.stringify(o), log.join(','))
}

main()
