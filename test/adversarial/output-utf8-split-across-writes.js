// rule: a UTF-8 character split across two writes prints whole (no U+FFFD), on stdout and stderr
const euro = Buffer.from('€ and 😀\n')
process.stdout.write(euro.subarray(0, 1))
process.stdout.write(euro.subarray(1, 2))
process.stdout.write(euro.subarray(2, 8))
setImmediate(() => {
  process.stdout.write(euro.subarray(8))
  const e = Buffer.from('é on stderr\n')
  process.stderr.write(e.subarray(0, 1))
  setImmediate(() => process.stderr.write(e.subarray(1)))
})
