// rule: an uncaught error in an ES module prints the same stderr as untraced (file:// frames, source excerpt)
// exit: 1
const state = { step: 0 }

function explode () {
  state.step++
  throw new TypeError('exploded at step ' + state.step)
}

await null
console.log('about to explode')
explode()
