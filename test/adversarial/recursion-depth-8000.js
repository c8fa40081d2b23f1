// rule: the recursion limit is not lowered by tracing: 8000 nested calls of a plain function succeed
function depth (n) { return n === 0 ? 0 : 1 + depth(n - 1) }
function method (n) { return n === 0 ? 'ok' : this.method(n - 1) }
const obj = { method }
try {
  console.log(depth(8000) === 8000 ? 'ok' : 'wrong', obj.method(8000))
} catch (e) {
  console.log('failed:', e.constructor.name, e.message)
}
