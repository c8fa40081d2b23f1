// rule: calling a class without new throws its TypeError message; extending null; instanceof with Symbol.hasInstance
class A {}
class Even { static [Symbol.hasInstance] (n) { return n % 2 === 0 } }

async function main () {
  await null
  try { A() } catch (e) { console.log(e.constructor.name, e.message) }
  console.log(2 instanceof Even, 3 instanceof Even)
}

main()
