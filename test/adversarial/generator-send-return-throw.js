// rule: generators: values sent with next(v), return() runs finally, throw() is caught inside; this.x = yield
class G {
  * steps () {
    try {
      this.first = yield 'a'
      const second = yield this.first + '!'
      yield second * 2
    } catch (e) {
      yield 'caught ' + e.message
    } finally {
      this.log = 'finally ran'
    }
  }
}

const g = new G()
const it = g.steps()
const out = [it.next().value, it.next('x').value, it.next(21).value, it.throw(new Error('boom')).value, JSON.stringify(it.return('r')), g.log]
const it2 = g.steps()
it2.next()
out.push(JSON.stringify(it2.return('early')))
console.log(out.join(' | '))
