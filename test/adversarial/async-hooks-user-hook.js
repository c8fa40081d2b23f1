// rule: a program's own async_hooks hook sees exactly the resources it sees untraced (types and counts)
const async_hooks = require('node:async_hooks')
const types = []
const hook = async_hooks.createHook({ init (id, type) { types.push(type) } })

hook.enable()
setTimeout(() => {}, 1)
setImmediate(() => {})
Promise.resolve().then(() => {})
new Promise(resolve => resolve()).then(() => {})
async function f () { await null }
f()
hook.disable()
const counts = {}
for (const t of types) counts[t] = (counts[t] || 0) + 1
console.log(JSON.stringify(counts))
