// Where instrumented files are kept, so a file is instrumented once per run (the runner's entry check, the traced
// process's main thread and its ES module loader thread share the work) and once for as long as it does not change
// (a persistent cache across runs, in the OS cache folder or one the CLI or the extension names).
//
// An entry is one file named by a hash of everything its value depends on: the instrumenter's build (a hash of its
// sources and of the parser, printer and compiler versions, fixed when it is built), the file's path and format, the
// options, and the source text. Its value is a list of strings (an instrumented file is several megabytes of code,
// read back without parsing it as JSON): a header line (the key, each string's length, the SHA-1 of all of them),
// then the strings one after the other. One whose header does not match is a miss, so a cut-short or damaged entry
// is never used. Entries are written whole
// to a temporary file and renamed into place, so concurrent runs writing the same entry each leave a complete one.
// The persistent folder is kept under a size limit, oldest use first (a hit refreshes an entry's time).
import { createHash } from 'node:crypto';
import { indexOfByte, utf8Decode, utf8Encode, view } from './bytes';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { threadId } from 'node:worker_threads';

declare const __LOOPSCOPE_INSTRUMENTER_BUILD__: string | undefined;

/**
 * The build of the instrumenter: set by scripts/build.mjs from its sources and dependencies. Unbuilt (sources run by
 * the tests directly) there is none, and nothing is kept across runs.
 */
export const INSTRUMENTER_BUILD: string | undefined = typeof __LOOPSCOPE_INSTRUMENTER_BUILD__ === 'string' ? __LOOPSCOPE_INSTRUMENTER_BUILD__ : undefined;

/** Default size limit of the persistent cache. */
export const CACHE_MAX_BYTES = 256 * 1024 * 1024;

const ENTRY_SUFFIX = '.entry';
const PRUNE_MARKER = 'last-pruned';
const PRUNE_INTERVAL_MS = 3_600_000;
const VERSION = 1;

/** A hash of the parts and the text, as the file name of an entry. */
export function entryKey(parts: readonly (string | number | boolean | undefined)[], text: string): string {
  return createHash('sha1').update(`${VERSION}\0${INSTRUMENTER_BUILD ?? 'unbuilt'}\0${parts.join('\0')}\0`).update(text).digest('hex');
}

/** The strings stored under `key` in `dir`, or undefined (no entry, or one that is cut short or damaged). */
export function readEntry(dir: string, key: string, touch = false): string[] | undefined {
  const path = join(dir, key + ENTRY_SUFFIX);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  try {
    const eol = indexOfByte(bytes, 10);
    if (eol < 0) return undefined;
    const header = JSON.parse(utf8Decode(bytes, 0, eol)) as { key?: unknown; lengths?: unknown; sha1?: unknown };
    const body = view(bytes, eol + 1);
    const { lengths } = header;
    if (header.key !== key || !Array.isArray(lengths) || lengths.some((n) => !Number.isSafeInteger(n) || n < 0)) return undefined;
    if ((lengths as number[]).reduce((a, b) => a + b, 0) !== body.length) return undefined;
    if (header.sha1 !== createHash('sha1').update(body).digest('hex')) return undefined;
    const parts: string[] = [];
    let at = 0;
    for (const n of lengths as number[]) {
      parts.push(utf8Decode(body, at, at + n));
      at += n;
    }
    if (touch) {
      const now = new Date();
      utimesSync(path, now, now); // the size limit drops what was used least recently
    }
    return parts;
  } catch {
    return undefined;
  }
}

/**
 * Store `parts` under `key` in each of `dirs` (created if needed; the bytes and their hash made once for all). A cache
 * that cannot be written only costs time: no throw.
 */
export function writeEntry(dirs: readonly string[], key: string, parts: readonly string[]): void {
  const buffers = parts.map(utf8Encode);
  const sha1 = createHash('sha1');
  for (const b of buffers) sha1.update(b);
  const header = JSON.stringify({ key, lengths: buffers.map((b) => b.length), sha1: sha1.digest('hex') });
  for (const dir of dirs) writeWhole(join(dir, key + ENTRY_SUFFIX), [`${header}\n`, ...buffers]);
}

/**
 * Write `chunks` to `path` (its folder created if needed) whole or not at all, for a reader in another process or
 * thread: into a temporary file, then renamed. False when it could not be written (which only costs time).
 */
export function writeWhole(path: string, chunks: readonly (string | Uint8Array)[]): boolean {
  const partial = `${path}.${process.pid}-${threadId}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(partial, 'w');
    try {
      // strings encoded here: Node's fs would turn them into Buffers with the Buffer.from the program sees
      for (const chunk of chunks) writeFileSync(fd, typeof chunk === 'string' ? utf8Encode(chunk) : chunk);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, path);
    return true;
  } catch {
    try {
      unlinkSync(partial);
    } catch {
      /* never written */
    }
    return false;
  }
}

/**
 * The persistent cache folder: LOOPSCOPE_CACHE_DIR when set (empty: no cache), else the OS's cache folder
 * (XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows).
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const set = env.LOOPSCOPE_CACHE_DIR;
  if (set !== undefined) return set === '' ? undefined : set;
  const home = homedir();
  if (process.platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'loopscope', 'cache');
  if (process.platform === 'darwin') return join(home, 'Library', 'Caches', 'loopscope');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'loopscope');
}

/**
 * Keep `dir` under `maxBytes`: drop the entries used least recently until it holds at most three quarters of that,
 * and temporary files a killed writer left behind (older than an hour). Looking at every entry takes a while in a
 * large cache, so `ifDue` does it at most once per PRUNE_INTERVAL_MS (a marker file's time says when it was last done).
 */
export function pruneCache(dir: string, maxBytes = CACHE_MAX_BYTES, ifDue = false): void {
  if (ifDue) {
    const marker = join(dir, PRUNE_MARKER);
    try {
      if (Date.now() - statSync(marker).mtimeMs < PRUNE_INTERVAL_MS) return;
    } catch {
      /* never pruned */
    }
    try {
      writeFileSync(marker, '');
    } catch {
      return; // no such folder yet, or not writable: nothing to prune
    }
  }
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const entries: { path: string; size: number; used: number }[] = [];
  let total = 0;
  const now = Date.now();
  for (const name of names) {
    const path = join(dir, name);
    try {
      const st = statSync(path);
      if (name.endsWith('.tmp')) {
        if (now - st.mtimeMs > 3_600_000) unlinkSync(path);
      } else if (name.endsWith(ENTRY_SUFFIX)) {
        entries.push({ path, size: st.size, used: st.mtimeMs });
        total += st.size;
      }
    } catch {
      /* removed meanwhile by another run */
    }
  }
  if (total <= maxBytes) return;
  entries.sort((a, b) => a.used - b.used);
  for (const e of entries) {
    if (total <= maxBytes * 0.75) break;
    try {
      unlinkSync(e.path);
    } catch {
      /* removed meanwhile by another run */
    }
    total -= e.size;
  }
}
