// instrumented while String.prototype.slice throws
module.exports = async function area ({ w, h }) {
  await null
  return w * h
}
