let total = 0
function* gen (n) { for (let i = 0; i < n; i++) { const got = yield i; if (got) total += got } return 'end' }
async function* agen () { yield 1; await null; yield 2 }
async function main () {
  const it = gen(3)
  log(it.next().value, it.next(5).value, it.next(1).value, it.next().value, total)
  outer: for (const a of [1, 2]) { for (const b of [1, 2]) { if (b === 2) continue outer; log(a, b) } }
  for await (const v of agen()) log('v', v)
  let i = 0
  do i++; while (i < 3)
  while (i < 5) i++
  log(i)
}
main()
