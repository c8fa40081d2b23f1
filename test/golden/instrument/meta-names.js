let meta = 1
let target = 2
let of = [1]
async function f () {
  meta = meta + 1
  target += 1
  for (const x of of) log(x)
  function g () { return new.target === undefined ? 'call' : 'new' }
  log(meta, target, g(), typeof new g())
}
f()
