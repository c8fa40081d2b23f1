// rule: a line starting with / after an identifier is a division, not a regular expression (no ASI)
const g = 2
const i = 7
const total = { n: 84 }

async function main () {
  await null
  const a = total.n
  /g/i
  console.log('a', a)
  let s = 'x'
  s = s
  ;/x/.test(s) && console.log('regex line ran')
}

main()
