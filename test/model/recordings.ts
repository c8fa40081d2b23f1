// Where the model's golden tier keeps its raw recordings and goldens, and how it reads one back.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RawRun } from '../../src/core/raw-events';
import { readRaw, readThreads } from '../../src/runner/run-traced';

export const root = resolve(__dirname, '..', '..');
/** the corpora whose programs are recorded (folders under the checkout) */
export const CORPORA = ['test/corpus', 'test/races', 'test/loops', 'examples', 'test/model/programs'];
export const RECORDINGS = join(root, 'test', 'model', 'recordings');
export const GOLDENS = join(root, 'test', 'model', 'golden');
export const RUN_FILE = 'run.json';
/** stands for the checkout's absolute path inside recordings */
export const ROOT_PLACEHOLDER = '/loopscope';
/** recordings larger than this are not kept (the tier must stay small and fast) */
export const MAX_RECORDING_BYTES = 2 * 1024 * 1024;

export interface Recording {
  /** e.g. test/corpus/01-classic-puzzle-js */
  name: string;
  dir: string;
}

export function listRecordings(): Recording[] {
  const out: Recording[] = [];
  for (const corpus of CORPORA) {
    const dir = join(RECORDINGS, corpus);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) out.push({ name: `${corpus}/${name}`, dir: join(dir, name) });
  }
  return out;
}

export function readRecording(dir: string): RawRun {
  const { events, meta } = readRaw(dir);
  const rest = JSON.parse(readFileSync(join(dir, RUN_FILE), 'utf8')) as Omit<RawRun, 'events' | 'meta' | 'threads'>;
  // the other loops' recordings, when the program had some (recorded since issue 10's findings across loops)
  const threads = readThreads(dir);
  return { ...rest, events, meta, ...(threads.length > 0 ? { threads } : {}) };
}
