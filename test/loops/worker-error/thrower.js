async function fail () {
  await new Promise((resolve) => setTimeout(resolve, 1))
  throw new Error('broken in the worker')
}
fail()
