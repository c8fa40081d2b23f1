// rule: a file that starts with a UTF-8 byte order mark runs; line numbers and strings are unchanged
const s = "café"
async function main () { await null; console.log(s, s.length, new Error("x").stack.split("\n")[1].split(__dirname).join("<dir>")) }
main()
