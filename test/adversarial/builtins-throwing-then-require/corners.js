// instrumented while Object.keys throws
const seen = new Map()
module.exports = function corners (rect) {
  for (const k in rect) seen.set(k, rect[k])
  return Promise.resolve(seen.size * 2)
}
