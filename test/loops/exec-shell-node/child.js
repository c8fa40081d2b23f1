async function main () {
  const n = Number(process.argv[2])
  await null
  console.log(`${n} squared is ${n * n}`, JSON.stringify(process.env.NODE_OPTIONS))
}
main()
