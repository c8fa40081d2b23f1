// rule: a program that counts Buffer.prototype.toString calls and then requires a CommonJS module counts only its own
// known difference (Node 20, 22, 24): Node's own source-map support decodes the inline source map of each instrumented file it loads with Buffer.prototype.toString (one call per file)
let calls = 0
const real = Buffer.prototype.toString
Buffer.prototype.toString = function (...args) {
  calls++
  return Reflect.apply(real, this, args)
}
const { twice } = require('./twice')
twice(21).then((n) => console.log(n, Buffer.from('ok').toString(), calls))
