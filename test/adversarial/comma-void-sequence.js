// rule: comma sequences, void and assignment chains in async code evaluate each operand once, in order
const log = []
const t = (v) => { log.push(v); return v }
const o = {}
async function main () {
  const x = (t(1), t(2), t(3))
  await null
  void t('void')
  o.a = o.b = t('chain')
  let y
  const z = (y = t('y'), y + '!')
  console.log(x, JSON.stringify(o), z, log.join(','))
}
main()
