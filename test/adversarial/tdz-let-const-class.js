// rule: TDZ errors for let, const and class before declaration are thrown and caught, in sync and async code
function tryIt (fn) {
  try { return fn() } catch (e) { return e.constructor.name + ': ' + e.message }
}

async function main () {
  console.log(tryIt(() => a))
  await null
  console.log(tryIt(() => b))
  console.log(tryIt(() => new C()))
  let a = 1
  const b = 2
  class C {}
  console.log(tryIt(() => a + b), typeof C)
}

main()
