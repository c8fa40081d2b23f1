// rule: the recursion limit of a traced function is within 5% of the same function compiled by new Function (untraced)
const count = (function () { return function count (n) { try { return count(n + 1) } catch { return n } } })()
const baselineCount = new Function('return function count (n) { try { return count(n + 1) } catch { return n } }')()
// one call each (as test/unit/recursion-depth.test.ts): a second call could run code V8 optimized meanwhile, whose
// frames are of another size, and how far that got depends on the machine's load (the plain run varied by a third)
const traced = count(0)
const baseline = baselineCount(0)
const ratio = traced / baseline
console.log(ratio > 0.95 ? 'within 5%' : 'lower by ' + Math.round((1 - ratio) * 100) + '%')
