// rule: execFile runs a Node script and an awaited promisified exec collects its output and exit code
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'

const run = promisify(execFile)
const script = fileURLToPath(new URL('./child.mjs', import.meta.url))
const { stdout } = await run(process.execPath, [script, 'alpha', 'beta'])
console.log('child printed:', JSON.stringify(stdout))
try {
  await run(process.execPath, [script, 'fail'])
} catch (err) {
  console.log('failing child exit code', err.code)
}
