// Top-level suspension (TLA) in the entry ES module: timers, fs.promises, dynamic import and a loop, all resuming as microtasks
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

console.log('module body starts'); // queue: main
setImmediate(() => {
  console.log('an immediate scheduled before the first suspension'); // queue: immediate
});
const text = await readFile(fileURLToPath(import.meta.url), 'utf8'); // await
console.log(`read own source, first line is a comment: ${text.startsWith('//')}`); // queue: microtask
const path = await import('node:path'); // await
console.log(`dynamic import gave basename: ${path.basename('/a/b/c.txt')}`); // queue: microtask
for (const ms of [5, 1, 3]) {
  const v = await sleep(ms, ms); // await
  console.log(`slept ${v} ms`); // queue: microtask
}
console.log('module body ends'); // queue: microtask
