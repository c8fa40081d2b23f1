// rule: an async function recursing synchronously (before its first await) reaches 4000 levels as untraced
async function down (n) {
  if (n === 0) { await null; return 0 }
  return 1 + await down(n - 1)
}
down(4000).then(v => console.log('depth', v), e => console.log('failed:', e.constructor.name, e.message))
