// rule: an unhandled rejection prints the same stderr and exit code as untraced
// exit: 1
async function load () {
  await new Promise(resolve => setImmediate(resolve))
  throw new Error('load failed')
}
console.log('loading')
load()
