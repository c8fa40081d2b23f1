// rule: util.inspect of promises (showHidden too) and of async functions, generators and async arrows
const util = require('node:util')
async function asyncFn () {}
const asyncArrow = async () => {}
async function * agen () {}
function * gen () {}

async function main () {
  const p = asyncFn()
  await p
  console.log(util.inspect(p), util.inspect(p, { showHidden: true }))
  console.log(util.inspect(asyncFn), util.inspect(asyncArrow), util.inspect(agen), util.inspect(gen))
  console.log(util.inspect({ asyncFn }, { depth: 0 }), util.format('%o', asyncArrow).split('\n')[0])
  console.log(util.types.isPromise(p), util.types.isAsyncFunction(asyncFn), util.types.isGeneratorFunction(agen))
}

main()
