// rule: executionAsyncId and triggerAsyncId relations inside callbacks are the untraced ones (relative, not absolute)
const { executionAsyncId, triggerAsyncId } = require('node:async_hooks')
const main = executionAsyncId()
const out = []
setTimeout(() => {
  out.push('timer triggered by main: ' + (triggerAsyncId() === main))
  Promise.resolve().then(() => {
    out.push('microtask in timer has its own id: ' + (executionAsyncId() !== main))
    setImmediate(() => console.log(out.join('\n')))
  })
}, 1)
console.log('main id is 1:', main === 1, 'trigger', triggerAsyncId())
