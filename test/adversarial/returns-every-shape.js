// rule: every way a synchronous function returns gives the same value, name and `this` as untraced (returns are reported after their value is computed)
'use strict'
class Base { constructor (v) { if (v === 'object') return { replaced: true }; this.v = v } }
class Derived extends Base { constructor (v) { super(v); if (v === 'derived') return { derived: true } } }
const o = { _x: 1, get x () { return this._x }, set x (v) { this._x = v * 2 }, m () { return this } }
const seq = () => (1, 2)
const literal = () => ({ a: 1 })
function sw (k) { switch (k) { case 1: return 'one'; case 2: { return 'two' } default: return } }
function labeled () { out: { if (seq() === 2) break out; return 'not here' } return 'after label' }
function args () { return arguments.length }
function loops () { let n = 0; for (let i = 0; i < 5; i++) { try { if (i === 3) return n; continue } finally { n += i } } return -1 }
function tagged () { return String.raw`a${1}b` }
function names () { const f = () => () => 1; return [f().name, (() => function () {})().name, (function () { return class {} })().name] }
function conditional (c) { return c ? function () {} : () => {} }
function nested () { function inner () { return inner.caller === undefined } return inner() }
function * g () { return yield 1 }
function thrower () { return JSON.parse('{') }
function tries () { try { return thrower() } catch (e) { return e.name } }
console.log(JSON.stringify(new Base('object')), JSON.stringify(new Derived('derived')), new Derived(1).v)
o.x = 5
console.log(o.x, o.m() === o, seq(), JSON.stringify(literal()), sw(1), sw(2), sw(3), labeled(), args(1, 2, 3))
console.log(loops(), tagged(), JSON.stringify(names()), conditional(true).name, conditional(false).name)
const it = g(); it.next()
console.log(JSON.stringify(it.next('sent')), tries())
try { console.log(nested()) } catch (e) { console.log(e.name) }
