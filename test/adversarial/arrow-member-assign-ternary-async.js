// rule: arrow functions as parts of ternaries, logical expressions and computed members assigned in async code
const reg = { fns: {}, k: 'x' }

async function setup (flag) {
  reg.fns[reg.k] = flag ? () => 'yes' : () => 'no'
  await null
  reg.fns.y = reg.fns.y || (async () => 'lazy')
  reg.fns.z ??= (a = 1) => a + 1
  reg.fns['w' + 1] = () => () => 'nested'
}

async function main () {
  await setup(true)
  console.log(reg.fns.x(), await reg.fns.y(), reg.fns.z(), reg.fns.w1()())
}

main()
