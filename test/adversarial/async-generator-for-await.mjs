// rule: async generators consumed with for await, yield of promises, await inside the generator, return()
async function * numbers () {
  try {
    for (let i = 0; i < 5; i++) {
      await null
      yield Promise.resolve(i)
    }
  } finally {
    console.log('generator cleanup')
  }
}

const seen = []
for await (const n of numbers()) {
  if (n === 3) break
  seen.push(n)
}
console.log('seen', seen.join(','))

const it = numbers()
console.log(JSON.stringify(await it.next()), JSON.stringify(await it.return('stop')), JSON.stringify(await it.next()))
