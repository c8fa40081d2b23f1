// rule: a module namespace object has exactly the module's exports (no tracer exports), sorted, with its tag
import * as ns from './lib.mjs'
console.log(Object.keys(ns).join(','), Reflect.ownKeys(ns).map(String).join(','), ns[Symbol.toStringTag])
console.log(Object.isExtensible(ns), Object.getPrototypeOf(ns))
const dyn = await import('./lib.mjs')
console.log(dyn === ns, await dyn.load())
