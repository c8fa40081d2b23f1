process.on('message', async (job) => {
  await null
  console.log('child got', JSON.stringify(job))
  process.disconnect()
})
