const args = process.argv.slice(2)
await null
if (args[0] === 'fail') process.exit(7)
console.log(args.map((a) => a.length).join('+'))
