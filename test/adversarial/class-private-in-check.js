// rule: private fields and methods with #x in obj brand checks, across awaits and in static methods
class Secret {
  #x = 1
  #m () { return 'm' }
  static isSecret (o) { return #x in o && #m in o }
  async bump (o) {
    await null
    if (#x in o) o.#x += this.#x
    return o.#x
  }
}
const a = new Secret()
const b = new Secret()

a.bump(b).then(v => console.log(v, Secret.isSecret(a), Secret.isSecret({}), Secret.isSecret(Object.create(Secret.prototype))))
