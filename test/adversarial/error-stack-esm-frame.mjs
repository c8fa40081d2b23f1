// rule: ES module stack frames print file:// URLs with line and column, exactly as untraced
import { fileURLToPath } from 'node:url'
import { dirname } from 'node:path'

const dirUrl = new URL('.', import.meta.url).href.replace(/\/$/, '')
const dir = dirname(fileURLToPath(import.meta.url))
const frame = (err) => err.stack.split('\n')[1].split(dirUrl).join('<dir-url>').split(dir).join('<dir>')

function thrower () { return new Error('here') }
class K { make () { return new Error('method') } }

console.log(frame(thrower()))
console.log(frame(new K().make()))
await null
console.log(frame(new Error('top-level after await')))
