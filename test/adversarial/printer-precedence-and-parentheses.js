// rule: the printer keeps precedence and parentheses: new (f())(), (-2) ** 2, (a || b) ?? c, (0, a.m)(), parenthesized targets
const none = null
const a = { b: { c: 1 }, m () { return this === a } }
const log = []
const t = (v) => { log.push(v); return v }
function Maker () { return class Made { constructor () { this.k = 'made' } } }
const ns = { Klass: class { constructor () { this.k = 'ns' } } }
async function main () {
  await null
  const out = []
  out.push(new (Maker())().k, new ns.Klass().k, String(new Date(0).getTime()))
  out.push((-2) ** 2, 2 ** -1, (await 2) ** 3)
  out.push(String((null || undefined) ?? 'dflt'), String(null ?? (0 || 'or')))
  out.push((t('x'), a).m(), (a.m)(), typeof (() => {}), void (0) === undefined)
  out.push(String((a ? a.b : none).c), (t(1), t(2)))
  let x
  ;(x) = 5
  ;[(a.b.c)] = [7]
  out.push(x, a.b.c)
  console.log(out.join(' | '), log.join(','))
}
main()
