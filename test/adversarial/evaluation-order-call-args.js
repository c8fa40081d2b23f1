// rule: callee, then arguments left to right, each once; await inside an argument list keeps the order
const log = []
const t = (tag, v) => { log.push(tag); return v }
const api = { run (...args) { log.push('run(' + args.join(',') + ')'); return args.length } }

async function main () {
  t('callee', api).run(t('a', 1), await t('b', 2), t('c', 3))
  const fn = () => (x, y) => { log.push('inner ' + x + y); return x + y }
  fn()(t('x', 'X'), t('y', 'Y'))
  console.log(log.join(' '))
}

main()
