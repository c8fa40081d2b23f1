// rule: CommonJS top-level return ends the module; code after it does not run
console.log('before return')
if (module.id === '.') return
console.log('after return')
