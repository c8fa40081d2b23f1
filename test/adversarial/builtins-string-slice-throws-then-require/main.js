// rule: a program that makes String.prototype.slice throw and then requires a CommonJS module gets the module instrumented and running as untraced
const original = String.prototype.slice
String.prototype.slice = function () { throw new Error('String.prototype.slice is off limits') }
let mod
try {
  mod = require('./shapes')
} finally {
  String.prototype.slice = original
}
mod.area({ w: 3, h: 4 }).then((a) => console.log('area', a, mod.names()))
