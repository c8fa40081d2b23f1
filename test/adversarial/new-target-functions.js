// rule: new.target in functions, constructors, arrows inside them, Reflect.construct and subclass constructors
function F () { return { nt: new.target === F ? 'F' : String(new.target), arrow: (() => typeof new.target)() } }
class Base { constructor () { this.nt = new.target.name } }
class Sub extends Base {}
function Other () {}

async function main () {
  const called = F()
  await null
  const constructed = new F()
  const viaReflect = Reflect.construct(Base, [], Other)
  console.log(JSON.stringify(called), JSON.stringify(constructed), new Sub().nt, viaReflect.nt, viaReflect instanceof Other)
}

main()
