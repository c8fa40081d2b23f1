// rule: async stack traces: the "at async fn" frames after awaits are the same as untraced
const dir = __dirname
const clean = (s) => s.split(dir).join('<dir>')

async function level3 () { await null; throw new Error('deep') }
async function level2 () { await level3() }
async function level1 () { await level2() }

level1().catch((err) => {
  console.log(err.stack.split('\n').slice(0, 4).map(clean).join('\n'))
})
