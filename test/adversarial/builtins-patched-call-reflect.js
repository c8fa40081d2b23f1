// rule: a program that replaces Function.prototype.call, Reflect methods, Array.isArray, String.prototype methods and Math.round to count calls counts only its own (the stdout wrapper, the process.emit wrapper, toString and race recording use the tracer's copies)
void process.stdout // created before the patches (Node makes it on first use, through Function.prototype.call)
const counts = {}
const patch = (obj, name, label) => {
  const original = obj[name]
  counts[label] = 0
  Object.defineProperty(obj, name, { value: function (...a) { counts[label]++; return Reflect.apply(original, this, a) }, writable: true, configurable: true })
  return () => Object.defineProperty(obj, name, { value: original, writable: true, configurable: true })
}
const realApply = Reflect.apply
const restore = [
  patch(Function.prototype, 'call', 'call'),
  patch(Reflect, 'getOwnPropertyDescriptor', 'Reflect.getOwnPropertyDescriptor'),
  patch(Reflect, 'getPrototypeOf', 'Reflect.getPrototypeOf'),
  patch(Array, 'isArray', 'Array.isArray'),
  patch(String.prototype, 'startsWith', 'startsWith'),
  patch(String.prototype, 'includes', 'includes'),
  patch(Math, 'round', 'Math.round'),
  patch(Math, 'min', 'Math.min'),
]
Reflect.apply = realApply

const inventory = { items: [] }
async function add (x) {
  const n = inventory.items.length
  await new Promise(resolve => setTimeout(resolve, 1))
  inventory.items.push(n + x)
  process.stdout.write(`added ${x}\n`)
}

function named () { return 'original text' }
Promise.all([add(1), add(2)]).then(() => {
  const text = named.toString()
  process.emit('custom-event')
  const seen = { ...counts }
  for (const r of restore) r()
  console.log(inventory.items.length, text.includes('original text'), JSON.stringify(seen))
})
