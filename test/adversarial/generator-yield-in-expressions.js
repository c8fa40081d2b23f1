// rule: yield inside expressions (yield yield a, a template, an assignment) and yield await / return inside for await
function * g () { const a = yield 1; const b = yield yield a; const c = `${yield b}`; return [a, b, c] }
const it = g()
const got = [it.next().value, it.next('A').value, it.next('Y').value, it.next('B').value, JSON.stringify(it.next('C'))]
async function * ag () { const x = yield await Promise.resolve(1); for await (const v of [x, 3]) { if (v === 3) return 'ret'; yield v } }
async function main () {
  const it2 = ag(); const r = []
  r.push(JSON.stringify(await it2.next()), JSON.stringify(await it2.next(2)), JSON.stringify(await it2.next()), JSON.stringify(await it2.next()))
  console.log(got.join(' '), r.join(' '))
}
main()
