// rule: labeled loops with continue outer / break outer across awaits, and a labeled block
async function main () {
  const out = []
  outer: for (let i = 0; i < 3; i++) {
    inner: for (let j = 0; j < 3; j++) {
      await null
      if (j === 1) continue outer
      if (i === 2) break outer
      out.push(`${i}${j}`)
      continue inner
    }
  }
  block: {
    out.push('in block')
    await null
    if (out.length) break block
    out.push('never')
  }
  let n = 0
  loop: while (true) { n++; await null; if (n > 2) break loop }
  console.log(out.join(' '), n)
}

main()
