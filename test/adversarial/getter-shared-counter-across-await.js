// rule: module-level state behind getters and setters, updated by two coroutines around awaits: same reads, same order
const log = []
let raw = 0
const counter = {
  get value () { log.push('r' + raw); return raw },
  set value (v) { log.push('w' + v); raw = v },
}

async function inc (tag) {
  const v = counter.value
  await null
  counter.value = v + 1
  log.push(tag)
}

Promise.all([inc('A'), inc('B')]).then(() => console.log(log.join(' '), 'final', raw))
