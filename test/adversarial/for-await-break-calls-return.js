// rule: breaking out of for await calls the iterator's return(); throwing calls it too
function makeIterable (log) {
  let i = 0
  return {
    [Symbol.asyncIterator] () {
      return {
        next: async () => ({ value: i++, done: i > 5 }),
        return: async () => { log.push('return called'); return { done: true } },
      }
    },
  }
}

async function main () {
  const log = []
  for await (const v of makeIterable(log)) { if (v === 1) break; log.push('v' + v) }
  try {
    for await (const v of makeIterable(log)) { if (v === 0) throw new Error('stop') }
  } catch (e) { log.push('caught ' + e.message) }
  console.log(log.join(', '))
}

main()
