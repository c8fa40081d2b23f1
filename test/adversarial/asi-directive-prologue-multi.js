// rule: several directives in a row (no semicolons) stay the prologue, in a function and at the top of the file
'use strict'
'use custom'

function inner () {
  'use strict'
  'another directive'
  return this
}

async function asyncInner () {
  'use strict'
  await null
  return this
}

const state = { v: 1 }
async function reads () {
  'use strict'
  const v = state.v
  await null
  return v + state.v
}

console.log(String(inner()))
asyncInner().then(v => console.log('async this', String(v)))
reads().then(v => console.log('reads', v))
