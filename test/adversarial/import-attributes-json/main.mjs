// rule: a JSON import with import attributes (with { type: 'json' }) loads as untraced; no warning reaches stderr
process.removeAllListeners('warning')
const warnings = []
process.on('warning', (w) => warnings.push(w.name))
const { default: data } = await import('./data.json', { with: { type: 'json' } })
console.log(data.name, data.list.length, warnings.length > 0 ? 'warned' : 'no warning seen')
