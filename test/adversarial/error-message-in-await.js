// rule: error messages quoting awaited and chained calls (await api.fetch(), (await x).y.z) are unchanged
const api = {}
const run = async (f) => { try { await f() } catch (e) { return e.message } }

async function main () {
  const out = []
  out.push(await run(async () => await api.fetch()))
  out.push(await run(async () => (await Promise.resolve(api)).conn.open()))
  out.push(await run(async () => { const r = await api; return r.list.length }))
  out.push(await run(async () => { for await (const x of api) return x }))
  console.log(out.join('\n'))
}

main()
