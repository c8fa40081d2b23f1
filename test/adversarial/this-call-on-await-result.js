// rule: (await getObj()).m() and (await p).list.push(x) keep this
'use strict'
class Box {
  constructor () { this.items = [] }
  add (x) { this.items.push(x); return this }
}
const box = new Box()
const getBox = async () => box

async function main () {
  ;(await getBox()).add(1).add(2)
  const r = (await Promise.resolve(box)).items.push(3)
  console.log(box.items.join(','), r)
}

main()
