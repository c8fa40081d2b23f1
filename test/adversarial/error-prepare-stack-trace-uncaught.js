// rule: an uncaught error is printed with the program's own Error.prepareStackTrace (stderr strictly the same)
// exit: 1
// known difference (Node 20): Node 20 prints one more blank line after the caret of a source-mapped excerpt
Error.prepareStackTrace = (err, frames) => `${err.name}: ${err.message} [${frames.length > 0 ? 'has frames' : 'no frames'}] ${frames[0].getFunctionName()}`
function fail () { throw new Error('custom printed') }
setImmediate(fail)
