async function tick () {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    process.send('tick')
  }
}
tick()
