// rule: output without a trailing newline, empty writes and carriage returns arrive unchanged
process.stdout.write('')
process.stdout.write('progress 1\rprogress 2\r')
process.stdout.write('done')
process.stderr.write('err without newline')
