// rule: semicolon-less ES module: lines starting with ( [ and ` after reads of imported and module state
import { EventEmitter } from 'node:events'

const bus = new EventEmitter()
const seen = []
let count = 0

bus.on('x', async (v) => {
  count++
  await null
  seen.push(v)
})

;['a', 'b'].forEach(v => bus.emit('x', v))
;(async () => {
  await new Promise(resolve => setImmediate(resolve))
  const n = count
  ;`${n}`.split('').forEach(d => seen.push(d))
  console.log(seen.join(' '), count)
})()
