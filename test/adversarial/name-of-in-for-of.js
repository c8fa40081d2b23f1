// rule: a variable named of used in for-of heads (for (of of ofs)) and in async code
const ofs = [[1, 2], [3]]
let seen = 0

async function main () {
  for (let of of ofs) {
    await null
    for (const x of of) seen += x
  }
  let of = 5
  of += seen
  console.log('seen', seen, 'of', of)
}

main()
