// rule: sloppy script: variables named async, of, let, yield and await, reassigned and called
var async = function (x) { return 'called ' + x }
var of = [1, 2]
var yield_ = 0
var let = 'letvar'
var await = 'awaitvar'
var yield = 7

async = async(1)
for (var x of of) yield += x
let = let + '!'
await = await.toUpperCase()

var r = [async, yield, let, await].join(' ')

async function main () {
  const parts = r.split(' ')
  await null
  return parts.join(' ') + ' ' + of.length
}

main().then(r => console.log(r, yield_))
