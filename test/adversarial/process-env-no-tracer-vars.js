// rule: the program's environment has no variable of the tracer's (names with loopscope, NODE_OPTIONS, NODE_V8_COVERAGE)
const names = Object.keys(process.env).filter(k => /loopscope|^NODE_OPTIONS$|^NODE_V8_COVERAGE$|^ESBUILD/i.test(k) && k !== 'LOOPSCOPE_NODES')
console.log(JSON.stringify(names))
