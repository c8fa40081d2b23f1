// rule: parentheses end an optional chain: (a?.b).c throws on null where a?.b.c gives undefined; (a?.m)() too
const none = null
const a = { b: { c: 1 }, m () { return 'm' } }
const tryIt = (f) => { try { return String(f()) } catch (e) { return e.constructor.name } }

async function main () {
  await null
  console.log(tryIt(() => none?.b.c), tryIt(() => (none?.b).c), tryIt(() => (a?.b).c))
  console.log(tryIt(() => none?.m()), tryIt(() => (none?.m)()), tryIt(() => (a?.m)()))
}

main()
