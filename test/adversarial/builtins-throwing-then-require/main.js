// rule: a program that makes String.prototype.slice, Array.prototype.map, JSON.stringify or Object.keys throw and then requires a CommonJS module gets the module instrumented and running as untraced
const broken = [[String.prototype, 'slice', './area'], [Array.prototype, 'map', './perimeter'], [JSON, 'stringify', './label'], [Object, 'keys', './corners']]
const loaded = []
for (const [owner, name, module] of broken) {
  const original = owner[name]
  owner[name] = function () { throw new Error(`${name} is off limits`) }
  try {
    loaded.push(require(module))
  } finally {
    owner[name] = original
  }
}
Promise.all(loaded.map((m) => m({ w: 3, h: 4 }))).then((values) => console.log(values))
