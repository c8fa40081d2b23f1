// rule: process.exit(4) after an await: exit listeners run, later code does not, output so far is complete
// exit: 4
process.on('exit', (code) => { process.stdout.write('exit listener ' + code + '\n') })
async function main () {
  console.log('before await')
  await null
  process.stdout.write('just before exit\n')
  process.exit(4)
  console.log('never printed')
}
main()
setImmediate(() => console.log('never printed either'))
