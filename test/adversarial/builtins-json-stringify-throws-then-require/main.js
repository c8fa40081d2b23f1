// rule: a program that makes JSON.stringify throw and then requires a CommonJS module gets the module instrumented and running as untraced
const original = JSON.stringify
JSON.stringify = function () { throw new Error('JSON.stringify is off limits') }
let mod
try {
  mod = require('./shapes')
} finally {
  JSON.stringify = original
}
mod.area({ w: 3, h: 4 }).then((a) => console.log('area', a, mod.names()))
