// rule: a program's own Error.prepareStackTrace reads the original line of every frame through getLineNumber() (sync, nested, async, in a class)
const path = require('node:path')
Error.prepareStackTrace = (err, frames) =>
  frames
    .filter(f => f.getFileName() === __filename)
    .map(f => `${f.getFunctionName() || '<top>'}:${f.getLineNumber()}`)
    .join(' ')

function inner () {
  return new Error('here').stack
}

function outer (x) {
  const y = x + 1
  return inner(y)
}

class Shape {
  area () {
    return [1].map(() => outer(2))[0]
  }
}

async function later () {
  await null
  const s = new Error('after await')
    .stack
  return s
}

console.log(outer(1))
console.log(new Shape().area())
later().then(s => {
  console.log(s)
  console.log(path.basename(__filename))
})
