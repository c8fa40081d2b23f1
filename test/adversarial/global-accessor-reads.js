// rule: a global defined with a getter is read exactly as often as untraced from async code
let reads = 0
Object.defineProperty(globalThis, 'config', { get () { reads++; return { level: reads } }, configurable: true })
async function main () {
  const a = config.level
  await null
  const b = config.level + config.level
  console.log(a, b, 'reads', reads)
}
main()
