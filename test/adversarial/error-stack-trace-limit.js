// rule: Error.stackTraceLimit is Node's default (10) and a program's change applies; captureStackTrace works
console.log(Error.stackTraceLimit)
function deep (n) { return n === 0 ? new Error('bottom') : deep(n - 1) }
console.log(deep(20).stack.split('\n').length - 1)
Error.stackTraceLimit = 3
console.log(deep(20).stack.split('\n').length - 1)
Error.stackTraceLimit = 0
console.log(JSON.stringify(new Error('no frames').stack))
Error.stackTraceLimit = 10
function hideMe () { const o = {}; Error.captureStackTrace(o, hideMe); return o.stack.split('\n')[1].includes('hideMe') }
console.log('hidden frame present:', hideMe())
