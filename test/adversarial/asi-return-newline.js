// rule: ASI after return: 'return' followed by a newline returns undefined, also in async functions
const obj = { value: 42 }

function plain () {
  return
  obj.value
}

async function asyncOne () {
  await null
  return
  obj.value
}

console.log('plain', plain())
asyncOne().then(v => console.log('async', v))
