// rule: switch with awaits in the discriminant, in case tests and in fall-through bodies
const delay = (v) => new Promise(resolve => setImmediate(() => resolve(v)))

async function classify (x) {
  const out = []
  switch (await delay(x)) {
    case await delay(1):
      out.push('one')
    case 2:
      out.push(await delay('two-or-fallthrough'))
      break
    default:
      out.push('default')
      // fall through
    case 3:
      out.push('three')
  }
  return out.join('+')
}

Promise.all([classify(1), classify(2), classify(3), classify(9)]).then(r => console.log(r.join(' | ')))
