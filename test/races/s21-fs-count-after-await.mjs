// No race (fixed r08): each append awaits the real file write first, then adds its length to bytesWritten in one synchronous step.
// expect: none
import { mkdtemp, appendFile, stat, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = await mkdtemp(join(tmpdir(), 'loopscope-races-'));
const file = join(dir, 'log.txt');
let bytesWritten = 0;

async function log(line) {
  await appendFile(file, line);
  bytesWritten += Buffer.byteLength(line);
}

await Promise.all([log('alpha\n'), log('bravo\n')]);
const { size } = await stat(file);
console.log(`counter says ${bytesWritten} bytes, the file has ${size} bytes`);
await rm(dir, { recursive: true, force: true });
