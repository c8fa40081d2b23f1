// imports b.mjs, which calls load() before this module's body ran; load's parameter default reads shared state
import './b.mjs'
function registry () {}
export async function load (name = 'default', seen = registry.count) {
  const before = registry.count
  await null
  registry.count = (registry.count || 0) + 1
  return [name, seen, before, registry.count].join(':')
}
export const ready = true
