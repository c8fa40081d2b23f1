// rule: a reassigned variable named target (not new.target) in a constructor and in async code
let target = 'first'

function Thing () {
  const t = target
  target = 'second'
  this.kind = new.target === Thing ? 'new' : 'call'
  this.t = t
}

async function main () {
  const a = new Thing()
  await null
  target = target + '!'
  console.log(a.kind, a.t, target)
}

main()
