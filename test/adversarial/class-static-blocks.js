// rule: static initialization blocks run in order with static fields, see private names, and can use this
const log = []
class Config {
  static a = (log.push('field a'), 1)
  static #secret = 'hidden'
  static {
    log.push('block 1 ' + this.a)
    this.b = this.a + 1
  }
  static c = (log.push('field c'), 3)
  static {
    log.push('block 2 ' + Config.#secret + ' ' + this.c)
  }
}

async function main () {
  await null
  console.log(log.join(', '), Config.b)
}

main()
