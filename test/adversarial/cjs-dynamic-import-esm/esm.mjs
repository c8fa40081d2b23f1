// an ES module loaded with import() from CommonJS
export default 'esm default'
export const metaType = typeof import.meta.url
export async function later () { await null; return 'later' }
