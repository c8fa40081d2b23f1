// rule: a program that counts Function.prototype.call and apply calls and then requires a CommonJS module counts only its own calls
let calls = 0
let applies = 0
const call = Function.prototype.call
const apply = Function.prototype.apply
const realApply = Reflect.apply
Function.prototype.call = function (self, ...args) { calls++; return realApply(this, self, args) }
Function.prototype.apply = function (self, args) { applies++; return realApply(this, self, args ?? []) }
const greet = function (who) { return `hi ${who}` }
const first = greet.call(null, 'a') + ' ' + greet.apply(null, ['b'])
const { twice } = require('./twice')
const counts = [calls, applies]
Function.prototype.call = call
Function.prototype.apply = apply
console.log(first, counts.join(' '))
twice(() => 'x').then((r) => console.log(r))
