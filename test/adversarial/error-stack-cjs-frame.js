// rule: the first stack frame of an error in a CommonJS file names the function, file, line and column as untraced
const dir = __dirname
const frame = (err) => err.stack.split('\n')[1].split(dir).join('<dir>')

function thrower () { return new Error('here') }
const obj = { method () { return new Error('in method') } }

async function main () {
  console.log(frame(thrower()))
  console.log(frame(obj.method()))
  await null
  console.log(frame(new Error('after await')))
  const arrow = () => new Error('arrow')
  console.log(frame(arrow()))
}

main()
