// an exported let updated after an await
export let count = 0
export const state = { n: 0 }
export async function increment () {
  const c = count
  await null
  count = c + 1
  state.n += 1
}
