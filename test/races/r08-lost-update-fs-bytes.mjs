// Lost update on a byte counter around a real file append: both appends read bytesWritten before awaiting fs, so the counter ends short of the file size.
// expect: lost-update bytesWritten
import { mkdtemp, appendFile, stat, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = await mkdtemp(join(tmpdir(), 'loopscope-races-'));
const file = join(dir, 'log.txt');
let bytesWritten = 0;

async function log(line) {
  const before = bytesWritten; // read
  await appendFile(file, line); // await
  bytesWritten = before + Buffer.byteLength(line); // write
}

await Promise.all([log('alpha\n'), log('bravo\n')]);
const { size } = await stat(file);
console.log(`counter says ${bytesWritten} bytes, the file has ${size} bytes`);
await rm(dir, { recursive: true, force: true });
