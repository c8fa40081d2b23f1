// rule: beforeExit fires when the loop empties; scheduling work in it fires it again; counts are the program's own
let n = 0
process.on('beforeExit', (code) => {
  n++
  console.log('beforeExit', n, code)
  if (n < 3) setTimeout(() => console.log('timer from beforeExit', n), 1)
})
console.log('start')
