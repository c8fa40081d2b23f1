// rule: semicolon-less file: a line starting with ( after a statement ending in a member read stays one statement
const state = { count: 1, items: [3, 4] }
let total = 0

async function run () {
  const before = state.count
  ;(function bump () { state.count += 10 })()
  total = state.count - before
  await null
  const items = state.items
  ;(items).forEach(n => { total += n })
  console.log('total', total, 'count', state.count)
}

run().then(() => console.log('done'))
