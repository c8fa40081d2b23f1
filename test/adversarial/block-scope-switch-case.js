// rule: let declarations in switch cases share one block: TDZ across cases is kept
function run (n) {
  switch (n) {
    case 1:
      let x = 'one'
      return x
    case 2:
      try { return x } catch (e) { return e.constructor.name }
    default:
      return 'other'
  }
}

async function main () {
  await null
  console.log(run(1), run(2), run(3))
}

main()
