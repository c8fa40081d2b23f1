// rule: a module cycle calls an async function whose parameter default reads shared state, before its module body ran
import { load } from './a.mjs'
import { pending } from './b.mjs'
console.log('from b:', await pending)
console.log('from main:', await load())
