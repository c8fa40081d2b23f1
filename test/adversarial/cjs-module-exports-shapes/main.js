// rule: module.exports replaced, exports mutated, circular requires see partial exports, as untraced
const a = require('./a')
const b = require('./b')
console.log(JSON.stringify(a), JSON.stringify(b), Object.keys(require('./a')).join(','))
