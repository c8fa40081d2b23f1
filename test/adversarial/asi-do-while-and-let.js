// rule: ASI around do-while and a variable named let split over lines (sloppy script)
var let_ = { i: 0 }
async function main () {
  do let_.i++
  while (let_.i < 3)
  await null
  var x = let_.i
  var y = x
  ;(x)
  console.log('i', let_.i, 'y', y)
}
main()
