// rule: the program sees no extra globals: enumerable globals and any own name with _ or $ are Node's only
const known = new Set(['global', 'clearImmediate', 'setImmediate', 'clearInterval', 'clearTimeout', 'setInterval', 'setTimeout', 'queueMicrotask', 'structuredClone', 'atob', 'btoa', 'performance', 'fetch', 'crypto', 'navigator'])
console.log(JSON.stringify(Object.keys(globalThis).filter(k => !known.has(k))))
console.log(JSON.stringify(Object.getOwnPropertyNames(globalThis).filter(n => /[_$]/.test(n))))
console.log(JSON.stringify(Object.getOwnPropertySymbols(globalThis).map(String)))
async function main () {
  await null
  console.log(JSON.stringify(Object.keys(globalThis).filter(k => !known.has(k))))
}
main()
