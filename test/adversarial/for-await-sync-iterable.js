// rule: for await over a sync iterable of promises and values, ordering against other microtasks
async function main () {
  const log = []
  const p = Promise.resolve().then(() => log.push('other microtask'))
  for await (const v of [Promise.resolve('a'), 'b', Promise.resolve('c')]) log.push(v)
  await p
  console.log(log.join(','))
}

main()
