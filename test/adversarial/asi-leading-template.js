// rule: semicolon-less file: a line starting with a template literal after a member read is not a tagged template
const conf = { name: 'cfg', tag: null }

async function main () {
  const name = conf.name
  ;`${name} ignored`.split(' ').forEach(w => console.log('word', w))
  await 0
  const again = conf.name
  ;`second ${again}`.toUpperCase()
  console.log('name', name, again)
}

main()
