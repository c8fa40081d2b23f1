process.on('message', async (m) => {
  if (m === 'bye') return process.disconnect()
  await null
  process.send({ doubled: m.n * 2 })
})
