// rule: Unicode and escaped identifiers, astral characters in strings, survive instrumentation
const café = { ü: 1 }
const \u0061bc = 'escaped name'
const π = 3.14
async function ƒ () {
  café.ü += 1
  await null
  return `${café.ü} ${abc} ${π} 😀 ${'😀'.length}`
}
ƒ().then(v => console.log(v, ƒ.name))
