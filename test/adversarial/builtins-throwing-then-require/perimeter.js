// instrumented while Array.prototype.map throws
const sides = (r) => [r.w, r.h, r.w, r.h]
module.exports = async (r) => sides(r).reduce((a, b) => a + b)
