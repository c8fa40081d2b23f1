// rule: class fields without semicolons, including arrow-function fields, in a semicolon-less file
class Store {
  items = []
  count = 0
  static instances = 0
  add = async (x) => {
    this.items.push(x)
    await null
    this.count = this.items.length
  }
  get size () { return this.count }
  constructor () { Store.instances++ }
}

async function main () {
  const s = new Store()
  await s.add('a')
  await s.add('b')
  console.log(s.size, Store.instances, s.add.name)
}

main()
