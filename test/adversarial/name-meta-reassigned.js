// rule: a reassigned variable named meta (not import.meta) read and written in async code
let meta = { v: 1 }

async function update () {
  const before = meta
  await null
  meta = { v: before.v + 1 }
  meta.v += 1
  return meta.v
}

update().then(v => console.log('meta', v, JSON.stringify(meta)))
