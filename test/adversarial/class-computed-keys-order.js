// rule: computed class member keys are evaluated once, in order, at class definition time
const log = []
const key = (k) => { log.push('key ' + k); return k }
class K {
  [key('a')] () { return 'a' }
  static [key('b')] = 1;
  [key('c')] = 2
  get [key('d')] () { return 'd' }
}

async function main () {
  await null
  const k = new K()
  console.log(log.join(', '), k.a(), K.b, k.c, k.d)
}

main()
