// rule: this.#m(), obj.#m() and #x in obj inside async methods, and a private getter
class Counter {
  #n = 0
  #inc () { return ++this.#n }
  get #double () { return this.#n * 2 }
  static has (o) { return #n in o }
  async tick (other) {
    this.#inc()
    await null
    other.#inc()
    return [this.#n, other.#n, this.#double, Counter.has(other), Counter.has({})].join(',')
  }
}

new Counter().tick(new Counter()).then(console.log)
