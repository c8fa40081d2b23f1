// rule: a file with CRLF line endings and no semicolons: same lines in stack frames, same template literal text
const t = `a
b`
const o = { v: 1 }
async function main () {
  const v = o.v
  ;[1].forEach(() => {})
  await null
  console.log(JSON.stringify(t), v, new Error("x").stack.split("\n")[1].split(__dirname).join("<dir>"))
}
main()
