// other half of the cycle: calls a.mjs's hoisted function during evaluation (a.mjs's consts are still in TDZ)
import { describe } from './a.mjs'
console.log('b evaluating:', describe({ name: 'from-b' }, '.'))
let tdz
try { tdz = describe() } catch (e) { tdz = e.constructor.name + ': ' + e.message }
console.log('b with default suffix:', tdz)
export const fromB = true
