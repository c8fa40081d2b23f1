// rule: V8 error messages that quote the source (x.y is not a function, reading 'z' of undefined) are unchanged
const o = { a: { b: null }, list: [] }
const key = 'missing'
const run = (f) => { try { f() } catch (e) { return e.constructor.name + ': ' + e.message } }

async function main () {
  const out = []
  out.push(run(() => o.missing()))
  out.push(run(() => o.a.b.c))
  await null
  out.push(run(() => o[key]()))
  out.push(run(() => o.a.nope.deeper))
  out.push(run(() => new o.a()))
  out.push(run(() => o.list.at(0).x))
  out.push(run(() => { const { z } = o.a.b; return z }))
  out.push(run(() => { for (const x of o.a) return x }))
  out.push(run(() => { const c = 1; c = 2 }))
  out.push(run(() => undefinedFunctionName()))
  console.log(out.join('\n'))
}

main()
