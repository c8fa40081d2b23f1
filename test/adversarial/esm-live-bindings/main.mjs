// rule: live bindings: an exported let changed by its module after awaits is seen by the importer
import { count, increment, state } from './counter.mjs'
console.log('start', count, state.n)
await increment()
await increment()
console.log('after', count, state.n)
try { count = 5 } catch (e) { console.log(e.constructor.name, e.message) }
