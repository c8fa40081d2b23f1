// rule: import.meta in an ES module: url is this file's file: URL, resolve works, meta is per module
import { fileURLToPath } from 'node:url'
import { basename } from 'node:path'

async function main () {
  const meta = import.meta
  await null
  console.log(typeof import.meta, typeof import.meta.url, import.meta.url.startsWith('file:///'))
  console.log(basename(fileURLToPath(import.meta.url)), meta === import.meta)
  console.log(import.meta.resolve('./import-meta-esm.mjs') === import.meta.url, typeof import.meta.resolve)
  console.log(Object.getPrototypeOf(import.meta) === null)
}

await main()
