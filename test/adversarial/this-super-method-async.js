// rule: super.m(), super.x and super.m in an arrow inside async methods; super in object literal methods
class Base {
  get x () { return 'base-x:' + this.tag }
  m (v) { return 'base-m:' + this.tag + ':' + v }
}
class Derived extends Base {
  constructor () { super(); this.tag = 'd' }
  async m (v) {
    const first = super.m(v)
    await null
    const second = super.x
    const arrow = async () => { await null; return super.m('arrow') }
    return [first, second, await arrow()].join(' ')
  }
  static async s () { await null; return super.name }
}

const proto = { hi () { return 'proto-hi:' + this.who } }
const obj = { __proto__: proto, who: 'obj', async hi () { await null; return 'obj>' + super.hi() } }

async function main () {
  console.log(await new Derived().m(1))
  console.log(await Derived.s(), await obj.hi())
}

main()
