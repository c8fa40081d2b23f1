// rule: process.stdout.write(string, 'hex') writes the decoded bytes, not the hex text
process.stdout.write('68656c6c6f2068657820776f726c640a', 'hex')
process.stderr.write('7374646572722068657820', 'hex')
process.stderr.write('\n')
process.stdout.write('plain after hex\n')
