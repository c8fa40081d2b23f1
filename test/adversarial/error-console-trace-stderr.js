// rule: console.trace prints "Trace: msg" and stack frames to stderr exactly as untraced
// known difference (Node 20): Node 20 has no synchronous module hooks, so the tracer's _compile hook is a frame under a CommonJS module's top-level code
function inner () { console.trace('where am I') }
function outer () { inner() }
outer()
console.log('traced to stderr')
