// rule: an async recursion that overflows the stack ends as untraced: the program catches the RangeError, nothing more is printed (no "Exception in PromiseRejectCallback")
async function depth(n) { try { return await depth(n + 1) } catch { return n } }
depth(0).then((d) => {
  console.log('async recursion caught at depth', d > 1000 ? '> 1000' : d)
}).then(() => Promise.resolve().then(async function again () {
  try { await depth(0); console.log('again: resolved') } catch (e) { console.log('again:', e.name) }
}))
