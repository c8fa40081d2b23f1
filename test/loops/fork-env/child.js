async function report () {
  await new Promise((resolve) => setImmediate(resolve))
  console.log('child env', JSON.stringify(Object.keys(process.env).sort()), JSON.stringify(process.env.NODE_OPTIONS), JSON.stringify(process.execArgv), process.argv.length)
  process.send({ greeting: process.env.GREETING })
}
report()
