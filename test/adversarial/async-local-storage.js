// rule: AsyncLocalStorage context flows through awaits, timers, immediates and promise chains as untraced
const { AsyncLocalStorage } = require('node:async_hooks')
const als = new AsyncLocalStorage()
const log = []

async function handler (id) {
  log.push(`${id}:start:${als.getStore().id}`)
  await null
  await new Promise(resolve => setTimeout(resolve, 1))
  log.push(`${id}:after-timer:${als.getStore().id}`)
  setImmediate(() => log.push(`${id}:immediate:${als.getStore().id}`))
}

Promise.all([als.run({ id: 'A' }, () => handler('a')), als.run({ id: 'B' }, () => handler('b'))])
  .then(() => setImmediate(() => console.log(log.sort().join('\n'), '\noutside:', als.getStore())))
