// rule: errors thrown after an await are caught by the right try; optional catch binding; rethrow from catch
async function fail (msg) { await null; throw new Error(msg) }

async function main () {
  const log = []
  try { await fail('one') } catch (e) { log.push('caught ' + e.message) }
  try {
    try { await fail('two') } catch { log.push('no binding'); throw new TypeError('rethrown') }
  } catch (e) { log.push(e.name + ' ' + e.message) } finally { log.push('finally') }
  const r = await fail('three').catch(e => e.message)
  console.log(log.join(', '), r)
}

main()
