// rule: HTML-like comments (<!-- and -->) in a CommonJS script are comments, as Annex B says
const x = 1 <!-- this is a comment
--> also a comment at the start of a line
const y = 2
async function main () {
  await null
  console.log('x', x, 'y', y)
}
main()
