// rule: require.cache holds only the program's modules; require.extensions and module state are the untraced ones
const { basename } = require('node:path')
console.log(JSON.stringify(Object.keys(require.cache).map(f => basename(f))))
console.log(JSON.stringify(Object.keys(require.extensions)))
console.log(require.main === module, module.children.length, module.loaded, basename(module.filename), module.id)
console.log(this === module.exports, arguments.length, typeof require.resolve)
