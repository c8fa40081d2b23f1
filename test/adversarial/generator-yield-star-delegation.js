// rule: yield* delegation forwards next, return value and throw; spread of generators
function * inner () { const x = yield 1; yield x; return 'inner-done' }
function * outer () { const r = yield * inner(); yield r; yield * [7, 8] }

const it = outer()
const out = [it.next().value, it.next('sent').value, it.next().value, it.next().value, it.next().value, it.next().done]
console.log(out.join(','), [...outer()].join(','))
