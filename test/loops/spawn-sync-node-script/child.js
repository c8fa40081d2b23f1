const mode = process.argv[2]
async function main () {
  const input = await readStdin()
  if (mode === 'forever') setInterval(() => {}, 1000)
  if (mode === 'fail') {
    process.stderr.write('child failing\n')
    process.exitCode = 5
    return
  }
  console.log(`child ${mode}${input ? ` read ${JSON.stringify(input)}` : ''}`)
  process.stderr.write(`child ${mode} to stderr\n`)
}
function readStdin () {
  if (mode !== 'piped') return new Promise((resolve) => setImmediate(resolve, ''))
  return new Promise((resolve) => {
    let text = ''
    process.stdin.setEncoding('utf8').on('data', (d) => { text += d }).on('end', () => resolve(text))
  })
}
main()
