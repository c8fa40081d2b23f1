// rule: promises carry no extra own properties or symbols: Object.getOwnPropertySymbols(p).length === 0
async function f () { await null; return 1 }

async function main () {
  const promises = [Promise.resolve(1), f(), new Promise(resolve => setImmediate(resolve)), Promise.all([]), f().then(x => x)]
  const counts = promises.map(p => Object.getOwnPropertySymbols(p).length + '/' + Object.getOwnPropertyNames(p).length + '/' + Reflect.ownKeys(p).length)
  await Promise.all(promises)
  console.log(counts.join(' '), JSON.stringify(promises[0]), Object.keys(promises[1]).length)
  console.log(promises.map(p => Object.getPrototypeOf(p) === Promise.prototype).join(','))
}

main()
