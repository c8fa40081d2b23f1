// exports of several kinds: const, function, class, async function, default, re-export name
export const b = 1
export function a () {}
export class C {}
export async function load () { await null; return 'loaded' }
export default 'def'
export { b as renamed }
