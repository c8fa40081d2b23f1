// rule: require of a directory uses its package.json "main"; require of a JSON file; module.exports identity
const lib = require('./lib')
const data = require('./lib/data.json')
console.log(lib.name, lib.hello(), data.items.length, require('./lib') === lib)
