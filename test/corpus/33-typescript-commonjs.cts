// .cts CommonJS module: typed fs callbacks and a typed promise wrapper, generics, type-only lines between statements
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

type Callback<T> = (err: NodeJS.ErrnoException | null, value?: T) => void;

interface Stats {
  bytes: number;
  lines: number;
}

function promisify<T>(fn: (cb: Callback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    fn((err, value) => (err ? reject(err) : resolve(value as T)));
  });
}

const file: string = path.join(os.tmpdir(), `loopscope-cts-${process.pid}.txt`);

function measure(text: string): Stats {
  return { bytes: Buffer.byteLength(text), lines: text.split('\n').length - 1 };
}

fs.writeFile(file, 'alpha\nbeta\ngamma\n', (err: NodeJS.ErrnoException | null) => {
  if (err) throw err;
  console.log('writeFile callback'); // queue: io
  fs.readFile(file, 'utf8', async (err2: NodeJS.ErrnoException | null, text: string) => {
    if (err2) throw err2;
    const stats: Stats = measure(text);
    console.log(`readFile callback: ${stats.lines} lines, ${stats.bytes} bytes`); // queue: io
    await promisify<void>((cb) => fs.unlink(file, cb)); // await
    console.log('unlinked through a typed promise wrapper'); // queue: microtask
  });
});

interface Marker {
  readonly note: string;
}

const marker: Marker = { note: 'writeFile started' };
console.log(marker.note); // queue: main
