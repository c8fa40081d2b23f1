'use strict'
let count = 0
const items = [1, 2, 3]
async function run () {
  const n = count
  ;[4, 5].forEach(x => items.push(x))
  ;(function () { log('iife', this === undefined) })()
  count = n + 1
  ;`tpl`
  await null
  log('items', items.length, count)
}
run().then(() => log('done'))
