// rule: a CommonJS program imports an ES module dynamically; import.meta and default export arrive
async function main () {
  const mod = await import('./esm.mjs')
  console.log(mod.default, mod.metaType, await mod.later())
  const again = await import('./esm.mjs')
  console.log(mod === again)
}
main()
