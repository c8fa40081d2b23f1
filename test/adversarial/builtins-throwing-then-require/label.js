// instrumented while JSON.stringify throws
class Label {
  constructor (text) { this.text = text }
  get shown () { return `<${this.text}>` }
}
module.exports = async ({ w, h }) => new Label(`${w}x${h}`).shown
