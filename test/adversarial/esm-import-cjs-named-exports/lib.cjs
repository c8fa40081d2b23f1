// CommonJS exports in the shapes cjs-module-lexer detects: exports.x =, module.exports.y =, defineProperty with a value, async
exports.plain = 'plain'
module.exports.later = 'later'
Object.defineProperty(exports, 'viaDefine', { enumerable: true, value: 'defined' })
exports.counter = 0
exports.bump = async function bump () {
  await null
  exports.counter++
}
