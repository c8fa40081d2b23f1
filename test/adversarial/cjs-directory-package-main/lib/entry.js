// the package's main file
module.exports = { name: 'lib via main', hello () { return 'hello' } }
