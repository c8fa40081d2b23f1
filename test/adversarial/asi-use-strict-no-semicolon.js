// rule: a 'use strict' directive without a semicolon stays the first statement and keeps the file strict
'use strict'

const shared = { n: 0 }

function isStrict () { return this === undefined }

async function main () {
  shared.n = 1
  await null
  try {
    undeclaredVariableHere = shared.n
    console.log('assigned: sloppy')
  } catch (err) {
    console.log('strict:', err.constructor.name)
  }
  console.log('this undefined in function:', isStrict())
}

main()
