// rule: an in operator inside a for-init (needs parentheses) and for-in over an object with a getter
const o = { a: 1, get b () { return 2 } }
async function main () {
  const out = []
  for (let i = ('a' in o) ? 0 : 5, n = 0; i < 2; i++, n++) out.push(i)
  for (var k = ('z' in o); !k; k = true) out.push('z absent')
  await null
  for (const key in o) out.push(key + '=' + o[key])
  console.log(out.join(' '))
}
main()
