// calls a.mjs's hoisted async function during the cycle
import { load } from './a.mjs'
export const pending = load(undefined, undefined)
