// rule: a circular ES module import where a function with a parameter default runs while the cycle is evaluating
import { describe } from './a.mjs'
console.log(describe())
console.log(describe({ name: 'explicit' }))
