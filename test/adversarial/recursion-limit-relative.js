// rule: the recursion limit of a traced function is within 5% of the same function compiled by new Function (untraced)
const count = (function () { return function count (n) { try { return count(n + 1) } catch { return n } } })()
const baselineCount = new Function('return function count (n) { try { return count(n + 1) } catch { return n } }')()
const traced = Math.max(count(0), count(0))
const baseline = Math.max(baselineCount(0), baselineCount(0))
const ratio = traced / baseline
console.log(ratio > 0.95 ? 'within 5%' : 'lower by ' + Math.round((1 - ratio) * 100) + '%')
