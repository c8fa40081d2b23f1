// fs.promises: every print after an awaited fs call runs as a microtask, not in the I/O callback that settled the promise
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loopscope-fs-p-')); // await
console.log('mkdtemp resolved'); // queue: microtask
const file = path.join(dir, 'data.json');
await fs.writeFile(file, JSON.stringify({ n: 1 })); // await
await fs.appendFile(path.join(dir, 'log.txt'), 'first\n'); // await
const [json, own] = await Promise.all([fs.readFile(file, 'utf8'), fs.readFile(self, 'utf8')]); // await
console.log(`read back n=${JSON.parse(json).n}, own source starts with a comment: ${own.startsWith('//')}`); // queue: microtask

const handle = await fs.open(file, 'r'); // await
try {
  const { bytesRead, buffer } = await handle.read(Buffer.alloc(4), 0, 4, 0); // await
  console.log(`filehandle read ${bytesRead} bytes: ${buffer.toString()}`); // queue: microtask
} finally {
  await handle.close(); // await
}

const names = (await fs.readdir(dir)).sort(); // await
console.log(`readdir: ${names.join(',')}`); // queue: microtask
try {
  await fs.readFile(path.join(dir, 'missing.txt')); // await
} catch (err) {
  console.log(`missing file rejected with ${err.code}`); // queue: microtask
}
await fs.rm(dir, { recursive: true }); // await
console.log('temp folder removed'); // queue: microtask
