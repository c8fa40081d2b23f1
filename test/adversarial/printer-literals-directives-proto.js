// rule: the printer keeps literals and directives: 'use\x20strict' is no directive, numeric and string escapes, __proto__ forms
'use\x20strict'
const sloppy = (function () { return this === undefined ? 'strict' : 'sloppy' })()
const nums = [1_000, 0b101, 0o17, 0x1F, .5, 5..toString(), 1e21, 2n ** 64n, 010]
const strs = ['\0', '\u2028'.length, 'a\
b', String.raw`\n\u{41}`, `\u{1F600}`.length, '\101']
const proto = { __proto__: { inherited: true } }
const computed = { ['__proto__']: { inherited: true } }
const shorthand = { __proto__ () { return 'method' } }
async function main () {
  await null
  console.log(sloppy, nums.map(String).join(','), JSON.stringify(strs))
  console.log(proto.inherited === true, computed.inherited === undefined, Object.keys(computed).join(), typeof shorthand.__proto__)
  const o = { get 1 () { return 'one' }, async get () { return 'get method' }, static () { return 'static' }, set: 1 }
  console.log(o[1], await o.get(), o.static(), o.set)
}
main()
