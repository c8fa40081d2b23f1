// rule: an unhandled rejection prints the same stderr and exit code as untraced
// exit: 1
// known difference (Node 20, 22, 24): Node names the file of the source excerpt above an uncaught error by path when the code is source-mapped
async function load () {
  await new Promise(resolve => setImmediate(resolve))
  throw new Error('load failed')
}
console.log('loading')
load()
