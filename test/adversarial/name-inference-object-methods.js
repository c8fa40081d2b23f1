// rule: names of object literal members: methods, async methods, getters, computed keys, symbols, arrows
const sym = Symbol('desc')
const obj = {
  m () {},
  async am () { await null },
  * gm () {},
  get g () { return 1 },
  set g (v) {},
  arrow: () => {},
  fn: function () {},
  ['comp' + 1]: () => {},
  [sym]: function () {},
  'quoted key': async () => {},
  42: () => {},
}
const d = Object.getOwnPropertyDescriptor(obj, 'g')

async function main () {
  await obj.am()
  console.log(JSON.stringify([obj.m.name, obj.am.name, obj.gm.name, d.get.name, d.set.name, obj.arrow.name,
    obj.fn.name, obj.comp1.name, obj[sym].name, obj['quoted key'].name, obj[42].name]))
}

main()
