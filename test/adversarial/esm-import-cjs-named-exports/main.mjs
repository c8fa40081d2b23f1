// rule: an ES module's named imports from a CommonJS file (found by cjs-module-lexer) still work
import def, { plain, later, viaDefine, counter, bump } from './lib.cjs'
import * as ns from './lib.cjs'

await bump()
console.log(plain, later, viaDefine, counter, def.counter, typeof ns.default)
console.log(Object.keys(ns).filter(k => k !== 'module.exports').sort().join(','))
