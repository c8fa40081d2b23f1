// rule: try/finally: a return in finally overrides the try's return and swallows its throw; awaits in finally
function sync () { try { return 'try' } finally { return 'finally' } }
function swallow () { try { throw new Error('lost') } finally { return 'swallowed' } }

async function asyncOverride () {
  try {
    await null
    return 'try'
  } finally {
    await null
    return 'finally-async'
  }
}

async function order () {
  const log = []
  try { log.push('try'); return log } finally { log.push('finally'); await null; log.push('after await in finally') }
}

async function main () {
  console.log(sync(), swallow(), await asyncOverride(), (await order()).join('>'))
}

main()
