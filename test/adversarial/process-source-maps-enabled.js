// rule: process.sourceMapsEnabled is false for a plain JavaScript program (where the Node has the property)
console.log('sourceMapsEnabled' in process ? String(process.sourceMapsEnabled) : 'false')
const { findSourceMap } = require('node:module')
console.log(typeof findSourceMap === 'function' ? String(findSourceMap(__filename)) : 'undefined')
