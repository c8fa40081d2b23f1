// rule: let in for loops gives each iteration its own binding; closures created across awaits see their own value
async function main () {
  const fns = []
  for (let i = 0; i < 3; i++) {
    await null
    fns.push(() => i)
  }
  const vars = []
  for (var j = 0; j < 3; j++) vars.push(() => j)
  {
    let shadow = 'inner'
    fns.push(() => shadow)
  }
  let shadow = 'outer'
  console.log(fns.map(f => f()).join(','), vars.map(f => f()).join(','), shadow)
}

main()
