// rule: function names inferred for parameter defaults and destructured parameter defaults
function take (cb = () => {}, { fn = function () {} } = {}, [arr = class {}] = []) {
  return [cb.name, fn.name, arr.name]
}
async function takeAsync (onDone = async () => {}) {
  await null
  return onDone.name
}
const arrowTake = (x = function () {}) => x.name

takeAsync().then(n => console.log(JSON.stringify([...take(), n, arrowTake()])))
