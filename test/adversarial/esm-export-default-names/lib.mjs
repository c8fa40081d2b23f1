// anonymous default export (function) and named exports
export default async function () { await null }
export async function named () {}
export const arrow = async () => {}
export class K {}
export function * gen () {}
