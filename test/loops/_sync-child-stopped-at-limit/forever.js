async function tick () {
  for (let n = 1; ; n++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    if (n === 3) console.log('child ticked 3 times')
  }
}
tick()
