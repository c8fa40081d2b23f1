// rule: await in a for head, in template literals and in conditional operands keeps evaluation order
const log = []
const t = async (v) => { log.push('eval ' + v); await null; return v }

async function main () {
  for (let i = await t(0); i < await t(2); i += await t(1)) log.push('body ' + i)
  const s = `${await t('x')}-${await t('y')}`
  const c = (await t(false)) ? await t('yes') : await t('no')
  const short = (await t(0)) && (await t('never'))
  console.log(log.join(', '), s, c, short)
}
main()
