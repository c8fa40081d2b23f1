// rule: names of class members: arrow fields, static async arrow fields, private fields, accessors, static blocks
class A {
  handler = () => {}
  static s = async () => {}
  #p = function () {};
  ['comp' + 'uted'] = () => {}
  static #sp = () => {}
  async method () { await null }
  static get sg () { return A.#sp.name }
  get pName () { return this.#p.name }
}
const Anon = class {}
const Named = class Inner { static who () { return Inner.name } }

new A().method().then(() => {
  const a = new A()
  console.log(JSON.stringify([a.handler.name, A.s.name, a.pName, a.computed.name, A.sg, a.method.name, Anon.name, Named.name, Named.who()]))
})
