// starts a require cycle with b.js
exports.fromA = 'a-early'
const b = require('./b')
exports.bSawA = b.sawA
exports.fromA = 'a-late'
