// rule: a program that patches Promise.prototype.then sees exactly the then calls it sees untraced (await calls none)
let thens = 0
const origThen = Promise.prototype.then
Promise.prototype.then = function (...args) { thens++; return origThen.apply(this, args) }

async function inner () { await null; return 1 }
async function main () {
  const a = await inner()
  const b = await Promise.resolve(2)
  for await (const c of [3]) thens += 0 * c
  const d = await Promise.all([inner(), inner()])
  return a + b + d.length
}

main().then(v => { const seen = thens; console.log('result', v, 'then calls', seen) })
