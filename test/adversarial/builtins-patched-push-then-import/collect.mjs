// a module instrumented after the program replaced Array.prototype.push
export async function collect (list, n) {
  const copy = [...list]
  await null
  copy.push(n)
  return copy
}
