// rule: sloppy assignment to an undeclared name creates a global, read back in async code and via globalThis
async function main () {
  createdGlobal = 'hello'
  await null
  createdGlobal += ' world'
  console.log(globalThis.createdGlobal, Object.getOwnPropertyDescriptor(globalThis, 'createdGlobal').configurable)
}
main()
