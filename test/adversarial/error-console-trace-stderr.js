// rule: console.trace prints "Trace: msg" and stack frames to stderr exactly as untraced
function inner () { console.trace('where am I') }
function outer () { inner() }
outer()
console.log('traced to stderr')
