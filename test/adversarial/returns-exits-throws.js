// rule: returns, finally blocks, throws through several frames and values returned are as untraced (the exits of synchronous functions are reported without try/finally)
const log = []
function inFinally () { try { return 'try' } finally { log.push('finally ran') } }
function overridden () { try { return 'try' } finally { return 'finally' } } // eslint-disable-line no-unsafe-finally
function breaks () { for (;;) { try { return 'lost' } finally { break } } return 'after break' } // eslint-disable-line no-unsafe-finally
function thrower (n) { if (n === 0) throw new Error('bottom'); try { return thrower(n - 1) } finally { log.push('unwound ' + n) } }
function catcher (n) { if (n === 0) throw new Error('at 0'); try { return catcher(n - 1) } catch (e) { return 'caught ' + e.message + ' at ' + n } }
function anon () { return function () {} }
function anonArrow () { return () => 1 }
function anonClass () { return class {} }
function named () { const f = function () {}; return f }
function noValue () { if (log.length) return; return 1 }
function deep (n) { return n === 0 ? 0 : 1 + deep(n - 1) }
function throwsInExecutor () { const p = new Promise(() => { throw new Error('executor') }); p.catch((e) => log.push(e.message)); return 'after executor' }
function * gen () { try { yield 1; return 2 } finally { log.push('gen finally') } }
const self = { m () { return this } }
console.log(inFinally(), overridden(), breaks())
try { thrower(3) } catch (e) { console.log('thrower:', e.message) }
console.log(catcher(4))
console.log(JSON.stringify([anon().name, anonArrow().name, anonClass().name, named().name]))
console.log(noValue(), deep(500), throwsInExecutor(), [...gen()].join(','), self.m() === self)
setTimeout(() => console.log(log.join('; ')), 0)
