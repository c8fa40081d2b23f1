// rule: console.log of a rejected promise that is handled prints Promise { <rejected> Error: ... } without stacks
async function fails () { await null; throw new TypeError('nope') }

async function main () {
  const p = fails()
  p.catch(() => {})
  const q = Promise.reject('plain reason')
  q.catch(() => {})
  await p.catch(() => {})
  console.log(require('node:util').inspect(p).split('\n').filter(l => !/^\s+at /.test(l)).join('\n'))
  console.log(q)
}

main()
