// rule: o[f()] = g() and o[f()][h()] = await g(): left side evaluated before the right side, each once
const log = []
const t = (tag, v) => { log.push(tag); return v }
const o = { inner: {} }

async function main () {
  o[t('key1', 'a')] = t('val1', 1)
  t('obj', o)[t('key2', 'inner')][t('key3', 'z')] = await t('val2', Promise.resolve(2))
  let x = 1
  x = t('rhs', x + 1) + x
  console.log(log.join(' '), JSON.stringify(o), x)
}

main()
