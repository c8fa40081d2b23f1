// rule: an uncaught error in an ES module prints the same stderr as untraced (file:// frames, source excerpt)
// exit: 1
// known difference (Node 20, 22, 24): Node names the file of the source excerpt above an uncaught error by path when the code is source-mapped
const state = { step: 0 }

function explode () {
  state.step++
  throw new TypeError('exploded at step ' + state.step)
}

await null
console.log('about to explode')
explode()
