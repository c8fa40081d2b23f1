// rule: a program that makes Array.prototype.map throw and then requires a CommonJS module gets the module instrumented and running as untraced
const original = Array.prototype.map
Array.prototype.map = function () { throw new Error('Array.prototype.map is off limits') }
let mod
try {
  mod = require('./shapes')
} finally {
  Array.prototype.map = original
}
mod.area({ w: 3, h: 4 }).then((a) => console.log('area', a, mod.names()))
