// rule: console.log of a pending promise prints Promise { <pending> }, also of an async function's promise
const pending = new Promise(() => {})
async function waits () { await new Promise(resolve => setImmediate(resolve)) }
const running = waits()
console.log(pending)
console.log(running)
console.log([pending], { p: running })
