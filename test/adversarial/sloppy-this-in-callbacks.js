// rule: sloppy functions used as callbacks get globalThis as this; strict ones undefined; bound ones their target
function sloppy () { return this === globalThis }
const strict = function () { 'use strict'; return this }
const bound = sloppy.bind({ k: 1 })
async function main () {
  await null
  console.log([1].map(sloppy)[0], String([1].map(strict)[0]), bound(), [1].map(strict, 'arg')[0])
  setTimeout(function () { console.log('timer this is Timeout:', this.constructor.name) }, 1)
}
main()
