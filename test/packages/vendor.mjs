// Copies the packages the drivers use out of node_modules into test/packages/.work/vendor/<name>/: a path without
// "node_modules" in it, so Loopscope instruments them as the user's own code. The copy is taken from what `npm ci`
// installed (they are dev dependencies); nothing is downloaded. Their own dependencies are not copied: Node finds
// them by walking up the folders, in the repository's node_modules, where they stay uninstrumented.
//
//   node test/packages/vendor.mjs      copy them all (the test does this itself before it runs the drivers)
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const packagesDir = dirname(fileURLToPath(import.meta.url))
export const root = resolve(packagesDir, '..', '..')
export const vendorDir = join(packagesDir, '.work', 'vendor')

/** Copy node_modules/<name> to .work/vendor/<name> (afresh) and return its version. */
export function vendor (name) {
  const from = join(root, 'node_modules', name)
  if (!existsSync(join(from, 'package.json'))) throw new Error(`${name} is not installed: run npm ci (it is a dev dependency)`)
  const to = join(vendorDir, name)
  rmSync(to, { recursive: true, force: true })
  mkdirSync(dirname(to), { recursive: true })
  // a package's own nested node_modules come along (and stay uninstrumented, as their path says node_modules)
  cpSync(from, to, { recursive: true, dereference: true })
  return JSON.parse(readFileSync(join(to, 'package.json'), 'utf8')).version
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2)
  const { cases } = await import('./cases.mjs')
  for (const name of names.length ? names : [...new Set(cases.flatMap(c => c.vendor))]) {
    console.log(`${name}@${vendor(name)} -> ${join(vendorDir, name)}`)
  }
}
