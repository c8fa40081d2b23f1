// the forked child: prints, talks over IPC, exits with code 7
console.log('child argv', process.argv.slice(2).join(','), typeof process.send, JSON.stringify(process.execArgv))
process.send({ ready: true })
process.on('message', async (msg) => {
  await null
  process.send({ result: msg.work * 2 })
  process.exitCode = 7
  process.disconnect()
})
