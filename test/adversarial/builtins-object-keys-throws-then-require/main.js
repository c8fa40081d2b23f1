// rule: a program that makes Object.keys throw and then requires a CommonJS module gets the module instrumented and running as untraced
const original = Object.keys
Object.keys = function () { throw new Error('Object.keys is off limits') }
let mod
try {
  mod = require('./shapes')
} finally {
  Object.keys = original
}
mod.area({ w: 3, h: 4 }).then((a) => console.log('area', a, mod.names()))
