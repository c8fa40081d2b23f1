// rule: semicolon-less file: statements that start with a member read or update of shared state, inside async code
const stats = { hits: 0, misses: 0, log: [] }
let last = 'none'

async function record (k) {
  last = k
  stats.hits++
  await null
  stats.log.push(k)
  stats.misses += stats.hits > 1 ? 1 : 0
  last
  stats.hits
  ++stats.hits
}

async function main () {
  await Promise.all([record('a'), record('b')])
  console.log(JSON.stringify(stats), last)
}

main()
