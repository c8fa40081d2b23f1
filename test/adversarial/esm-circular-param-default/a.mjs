// half of the cycle: imports b.mjs, which calls back into this module before it finished evaluating
import { fromB } from './b.mjs'
export function describe ({ name = 'default' } = {}, suffix = fromB ? '!' : '?') {
  return name + suffix
}
export const early = describe()
