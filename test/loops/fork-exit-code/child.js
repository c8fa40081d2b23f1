async function main () {
  await new Promise((resolve) => setTimeout(resolve, 5))
  console.log('child is done, exiting with 3')
  process.exitCode = 3
}
main()
