// rule: sloppy script: a plain function call has this = globalThis; a method extracted to a variable too
function who () { return this === globalThis ? 'global' : typeof this }
const o = { who }

async function main () {
  const f = o.who
  await null
  console.log(who(), o.who(), f(), (0, o.who)(), (o.who)())
}

main()
