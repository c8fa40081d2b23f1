// rule: a library in node_modules with a source map: its stack frames show its .js files, as untraced Node prints them
const lib = require('maplib')
try {
  lib.fail()
} catch (err) {
  console.log(err.stack.split('\n').slice(0, 2).join('\n').split(__dirname).join('<dir>'))
}
