// rule: a program's Error.prepareStackTrace runs only when the program reads a stack, and sees its own frames
let calls = 0
const seen = []
Error.prepareStackTrace = (err, frames) => {
  calls++
  seen.push(frames.slice(0, 2).map(f => f.getFunctionName() + '@' + require('node:path').basename(f.getFileName() || '?') + ':' + f.getLineNumber()).join(' '))
  return 'custom stack'
}

function make () { return new Error('x') }
async function main () {
  const e = make()
  const before = calls
  await null
  const s = e.stack
  const again = e.stack
  await new Promise(resolve => setTimeout(resolve, 1))
  console.log('calls before read', before, 'after', calls, s, again === s)
  console.log(seen.join('\n'))
}

main()
