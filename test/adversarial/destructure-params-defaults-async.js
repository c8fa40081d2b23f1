// rule: destructured parameters with defaults and rest in async and arrow functions
const calls = []
const dflt = () => { calls.push('dflt'); return 5 }

async function f ({ a, b = dflt(), ...rest } = {}, [c, ...more] = [], ...tail) {
  await null
  return JSON.stringify({ a, b, rest, c, more, tail })
}

const g = async ({ x } = { x: 'gx' }) => x

async function main () {
  console.log(await f({ a: 1, z: 2 }, [3, 4, 5], 6, 7))
  console.log(await f())
  console.log(await g(), calls.join(','))
}

main()
