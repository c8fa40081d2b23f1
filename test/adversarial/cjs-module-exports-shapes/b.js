// sees a.js's partial exports, then replaces its own module.exports
const a = require('./a')
module.exports = { sawA: a.fromA, kind: typeof module.exports }
