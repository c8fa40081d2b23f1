async function lines () {
  for (const word of ['one', 'two', 'three']) {
    await null
    process.stdout.write(word + '\n')
  }
}
lines()
