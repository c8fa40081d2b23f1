// .mts module: a string enum, generic async helpers, tuple and mapped types, fs.promises round trip in the temp folder
import { mkdtemp, writeFile, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

enum Level {
  Info = 'INFO',
  Warn = 'WARN',
}

type Entry = [level: Level, message: string];
type Counts = { [L in Level]: number };

function countLevels(entries: readonly Entry[]): Counts {
  const counts: Counts = { [Level.Info]: 0, [Level.Warn]: 0 };
  for (const [level] of entries) counts[level] += 1;
  return counts;
}

async function roundTrip<T>(value: T): Promise<T> {
  const dir: string = await mkdtemp(join(tmpdir(), 'loopscope-mts-')); // await
  try {
    const file = join(dir, 'value.json');
    await writeFile(file, JSON.stringify(value)); // await
    const text: string = await readFile(file, 'utf8'); // await
    return JSON.parse(text) as T;
  } finally {
    await rm(dir, { recursive: true }); // await
  }
}

const entries: Entry[] = [
  [Level.Info, 'started'],
  [Level.Warn, 'slow disk'],
  [Level.Info, 'done'],
];

console.log(`entries before the round trip: ${entries.length}`); // queue: main
const copy = await roundTrip<Entry[]>(entries); // await
console.log(`round trip kept ${copy.length} entries, last is ${copy[copy.length - 1][1]}`); // queue: microtask

interface Report {
  counts: Counts;
  warned: boolean;
}

const report: Report = { counts: countLevels(copy), warned: copy.some(([l]) => l === Level.Warn) };
console.log(`counts: ${JSON.stringify(report.counts)}, warned: ${report.warned}`); // queue: microtask
