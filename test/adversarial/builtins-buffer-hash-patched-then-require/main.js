// rule: a program that counts calls of Buffer and hash methods (indexOf, subarray, Hash update and digest) and then requires a CommonJS module counts only its own calls (the instrumenter reads its cache and hashes without them)
const crypto = require('node:crypto')
const counts = { indexOf: 0, subarray: 0, update: 0, digest: 0 }
const count = (owner, name) => {
  const real = owner[name]
  owner[name] = function (...args) {
    counts[name]++
    return Reflect.apply(real, this, args)
  }
}
count(Buffer.prototype, 'indexOf')
count(Object.getPrototypeOf(Uint8Array.prototype), 'subarray')
const Hash = Object.getPrototypeOf(crypto.createHash('sha1'))
count(Hash, 'update')
count(Hash, 'digest')
const { twice } = require('./twice')
twice(21).then((n) => {
  const own = crypto.createHash('sha1').update(String(n)).digest('hex').slice(0, 8)
  console.log(n, own, JSON.stringify(counts))
})
