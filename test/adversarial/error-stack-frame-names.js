// rule: frame function names: methods, constructors, getters, Promise.all index, anonymous callbacks
const dir = __dirname
const names = (err) => err.stack.split('\n').slice(1, 3).map(l => l.trim().split(' (')[0].replace(/ \[as \w+\]$/, '').split(dir).join('<dir>')).join(' / ')

class Shape {
  constructor () { this.err = new Error('ctor') }
  get area () { return new Error('getter') }
  static make () { return new Error('static') }
}
const viaCallback = [1].map(function () { return new Error('cb') })[0]

console.log(names(new Shape().err))
console.log(names(new Shape().area))
console.log(names(Shape.make()))
console.log(names(viaCallback))
async function worker () { await null; throw new Error('in all') }
Promise.all([worker()]).catch(e => console.log(e.stack.split('\n').slice(1).map(l => l.trim().split(' (')[0]).join(' / ')))
