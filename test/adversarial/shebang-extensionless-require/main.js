// rule: requiring a bin file without an extension that starts with a shebang runs it as CommonJS
const tool = require('./bin/tool')
console.log(tool.run(['a', 'b']))
