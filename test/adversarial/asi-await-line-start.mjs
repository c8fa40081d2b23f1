// rule: semicolon-less ES module with top-level await statements starting lines after member reads
const data = { list: [1, 2, 3] }
const first = data.list[0]
await null
const second = data.list[1]
;[first, second].forEach(v => console.log('v', v))
await Promise.resolve(data.list)
  .then(l => console.log('len', l.length))
console.log('end', data.list.at(-1))
