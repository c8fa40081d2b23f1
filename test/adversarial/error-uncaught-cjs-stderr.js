// rule: an uncaught error in a CommonJS program prints the same stderr (source line, caret, stack, Node version)
// exit: 1
// known difference (Node 20): Node 20 prints one more blank line after the caret of a source-mapped excerpt
const config = { retries: 2 }

async function start () {
  await null
  return config.retries
}

start().then((n) => {
  console.log('retries', n)
  throw new RangeError('too many retries: ' + n)
})
