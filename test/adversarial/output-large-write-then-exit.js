// rule: a 32 KB write (less than a pipe's buffer) followed by process.exit() arrives whole
const line = 'x'.repeat(1023) + '\n'
process.stdout.write(line.repeat(32))
process.stdout.write('end of large output\n')
process.exit()
