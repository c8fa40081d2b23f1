// rule: a program that replaces %TypedArray%.prototype.set counts only its own calls, however many async resources the tracer's tables grow to hold
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype)
const realSet = TypedArrayPrototype.set
let calls = 0
TypedArrayPrototype.set = function (...args) {
  calls++
  return realSet.apply(this, args)
}
async function main () {
  // enough promises for async ids past the tracer's first table sizes (65,536), in batches
  for (let batch = 0; batch < 40; batch++) {
    await Promise.all(Array.from({ length: 2000 }, (_, i) => Promise.resolve(i).then((x) => x + 1)))
  }
  const own = new Uint8Array(4)
  own.set([1, 2])
  console.log('set calls:', calls)
}
main()
