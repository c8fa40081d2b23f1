// rule: class field arrow functions capture the instance; field initializers run in order, after super()
const log = []
class Base { constructor () { log.push('base ctor') } }
class Widget extends Base {
  id = (log.push('field id'), 'w1')
  onClick = async () => { await null; return this.id }
  label = this.id + '-label'
  constructor () { super(); log.push('ctor body ' + this.label) }
}

async function main () {
  const w = new Widget()
  const { onClick } = w
  console.log(await onClick(), log.join(', '))
}

main()
