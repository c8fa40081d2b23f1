// rule: process.stdout.write(string, 'base64'), latin1 and utf16le encodings write the decoded bytes
process.stdout.write(Buffer.from('base64 decoded\n').toString('base64'), 'base64')
process.stdout.write('caf\xe9 latin1\n', 'latin1')
process.stdout.write('ok\n', 'ascii')
process.stdout.write(Buffer.from('from a buffer\n'))
process.stdout.write(new Uint8Array([0x75, 0x38, 0x0a]))
async function main () {
  await null
  process.stdout.write(Buffer.from('after await, base64\n').toString('base64'), 'base64', () => {
    process.stdout.write('write callback ran\n')
  })
}
main()
