var flag = 1
let handler
let X
const obj = { x: 1, y: 2 }
async function names () {
  handler = function () {}
  X ||= class {}
  const f = async () => {}
  obj.h = function () {}
  log(handler.name, X.name, f.name, obj.h.name)
  log(delete (obj.x), 'x' in obj, delete obj.y, typeof notDeclaredAnywhere)
  log(delete flag, typeof flag)
}
names()
