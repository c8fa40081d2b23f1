// rule: an async function returns a native Promise (constructor, instanceof, species) even if Promise is replaced
class MyPromise extends Promise {}
async function f () { return 1 }

const saved = globalThis.Promise
globalThis.Promise = MyPromise
const p = f()
globalThis.Promise = saved

console.log(p.constructor === Promise, p instanceof MyPromise, Object.getPrototypeOf(p) === Promise.prototype)
console.log(MyPromise.resolve(1).then(x => x) instanceof MyPromise, f().then(x => x).constructor.name)
