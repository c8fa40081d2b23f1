// rule: sloppy script: a function declared in a block (Annex B) is visible outside after the block ran
async function main () {
  const before = typeof inBlock
  await null
  if (true) {
    function inBlock () { return 'in block' }
  }
  console.log(before, typeof inBlock, inBlock())
}

function strictVersion () {
  'use strict'
  { function hidden () {} }
  return typeof hidden
}

main().then(() => console.log('strict', strictVersion()))
