// The persistent cache of instrumented files (src/instrument/cache.ts), through real runs of the built CLI: a hit is
// used, a changed text or option misses, a damaged entry is ignored and replaced, concurrent runs leave whole entries.
import { describe, it, expect, beforeAll } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, existsSync, utimesSync, statSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readEntry, writeEntry, pruneCache } from '../../src/instrument/cache';
import { runCli, CLI, type CliResult } from '../support/cli';
import { parseTrace } from '../../src/core/trace-format';

const root = resolve(__dirname, '..', '..');
const cliPath = join(root, 'dist', 'cli.cjs');
let work: string;

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runCli(args, { cwd: work, env });
}

const trace = (file: string, cacheDir: string, ...more: string[]) => cli(['trace', file, '-q', '--cache-dir', cacheDir, ...more]);

interface Entry {
  path: string;
  parts: string[];
}

/** The cache's entries, read as the header says (a test of its own of what is on disk). */
function entries(cacheDir: string): Entry[] {
  return readdirSync(cacheDir)
    .filter((n) => n.endsWith('.entry'))
    .map((n) => {
      const path = join(cacheDir, n);
      const bytes = readFileSync(path);
      const eol = bytes.indexOf(10);
      const header = JSON.parse(bytes.subarray(0, eol).toString()) as { key: string; lengths: number[]; sha1: string };
      const body = bytes.subarray(eol + 1);
      expect(header.key).toBe(n.replace(/\.entry$/, ''));
      expect(createHash('sha1').update(body).digest('hex')).toBe(header.sha1);
      const parts: string[] = [];
      let at = 0;
      for (const len of header.lengths) {
        parts.push(body.toString('utf8', at, at + len));
        at += len;
      }
      expect(at).toBe(body.length);
      return { path, parts };
    });
}

/** The entry holding a file's instrumented code (code and function texts), found by a text in the code. */
const instrumented = (cacheDir: string, text: string): Entry[] => entries(cacheDir).filter((e) => e.parts.length === 2 && e.parts[0].includes(text));

/** Rewrite an entry with other parts, with a header that matches them (what a valid entry of this build would be). */
function rewrite(entry: Entry, parts: string[]): void {
  const key = entry.path.replace(/^.*[\\/]/, '').replace(/\.entry$/, '');
  const body = Buffer.concat(parts.map((p) => Buffer.from(p)));
  const header = { key, lengths: parts.map((p) => Buffer.byteLength(p)), sha1: createHash('sha1').update(body).digest('hex') };
  writeFileSync(entry.path, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
}

function program(name: string, source: string): string {
  const file = join(work, name);
  writeFileSync(file, source);
  return file;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'loopscope-cache-'));
  if (!existsSync(cliPath)) throw new Error('build first: node scripts/build.mjs');
});

describe('the persistent cache of instrumented files', () => {
  it('a file instrumented in one run is read from the cache by the next (the entry check and the traced process alike)', async () => {
    const cache = join(work, 'cache-hit');
    const file = program('hit.js', "async function main() { await null; console.log('hello from disk'); }\nmain();\n");
    expect((await trace(file, cache)).stdout).toBe('hello from disk\n');
    const [entry, ...others] = instrumented(cache, 'hello from disk');
    expect(others).toEqual([]);
    // a valid entry whose code says something else: the run prints that, so it ran the cached code, instrumented nothing
    rewrite(entry, [entry.parts[0].replace("'hello from disk'", "'hello from the cache'"), entry.parts[1]]);
    const r = await trace(file, cache);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('hello from the cache\n');
  });

  it('a changed text, or other options, is a miss: instrumented anew and kept beside the first', async () => {
    const cache = join(work, 'cache-miss');
    const source = (text: string) => `let count = 0;\nasync function bump() { const seen = count; await null; count = seen + 1; }\nbump().then(() => console.log('${text}', count));\n`;
    const file = program('miss.js', source('first text'));
    expect((await trace(file, cache)).stdout).toBe('first text 1\n');
    writeFileSync(file, source('second text'));
    expect((await trace(file, cache)).stdout).toBe('second text 1\n');
    expect(instrumented(cache, 'first text')).toHaveLength(1);
    expect(instrumented(cache, 'second text')).toHaveLength(1);
    // race recording off: other instrumentation (no shared-state hooks), another entry for the same text
    expect((await trace(file, cache, '--no-races')).stdout).toBe('second text 1\n');
    const both = instrumented(cache, 'second text');
    expect(both).toHaveLength(2);
    expect(both[0].parts[0]).not.toBe(both[1].parts[0]);
  });

  it('a damaged or cut-short entry is ignored and replaced by a whole one', async () => {
    const cache = join(work, 'cache-damaged');
    const file = program('damaged.js', "const label = 'the real program';\nsetTimeout(() => console.log(label), 1);\n");
    expect((await trace(file, cache)).stdout).toBe('the real program\n');
    const [entry] = instrumented(cache, 'the real program');
    const good = readFileSync(entry.path);
    // one byte changed in the code, the header left as it was: the SHA-1 no longer matches
    const flipped = Buffer.from(good);
    const at = flipped.indexOf('the real program');
    flipped.write('THE', at);
    writeFileSync(entry.path, flipped);
    let r = await trace(file, cache);
    expect(r.stdout).toBe('the real program\n');
    expect(readFileSync(entry.path).equals(good)).toBe(true);
    // cut short, as by a full disk or a killed writer without the rename
    writeFileSync(entry.path, good.subarray(0, good.length >> 1));
    r = await trace(file, cache);
    expect(r.stdout).toBe('the real program\n');
    expect(readFileSync(entry.path).equals(good)).toBe(true);
    // not an entry at all
    writeFileSync(entry.path, 'garbage');
    expect((await trace(file, cache)).stdout).toBe('the real program\n');
    expect(readFileSync(entry.path).equals(good)).toBe(true);
  });

  it('concurrent runs on one empty cache each run right and leave only whole entries', async () => {
    const cache = join(work, 'cache-concurrent');
    program('shared-helper.js', "exports.twice = async (x) => { await null; return x * 2; };\n");
    const file = program('concurrent.js', "const { twice } = require('./shared-helper.js');\ntwice(21).then((v) => console.log('answer', v));\n");
    const runs = await Promise.all([1, 2, 3, 4].map(() => trace(file, cache)));
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('answer 42\n');
    }
    expect(readdirSync(cache).filter((n) => n.endsWith('.tmp'))).toEqual([]); // no temporary file left
    expect(instrumented(cache, 'twice(21)')).toHaveLength(1);
    expect(instrumented(cache, 'x * 2')).toHaveLength(1);
    // and the next run reads them
    expect((await trace(file, cache)).stdout).toBe('answer 42\n');
  });

  it('--no-cache reads and writes nothing; LOOPSCOPE_CACHE_DIR is the default folder', async () => {
    const cache = join(work, 'cache-env');
    const file = program('env.js', "console.log('env');\n");
    expect((await cli(['trace', file, '-q', '--no-cache'], { LOOPSCOPE_CACHE_DIR: cache })).stdout).toBe('env\n');
    expect(existsSync(cache)).toBe(false);
    expect((await cli(['trace', file, '-q'], { LOOPSCOPE_CACHE_DIR: cache })).stdout).toBe('env\n');
    expect(instrumented(cache, "'env'")).toHaveLength(1);
  });

  it('two installs sharing one cache folder each keep their own V8 code, and the tracer still tells its frames from the program\'s', async () => {
    // V8 takes code made for the same source from another install, and its functions then carry the other install's
    // path in stack traces: where a promise was made came out at the wrong line (a fresh clone beside a checkout)
    const cache = join(work, 'cache-installs');
    const copy = mkdtempSync(join(root, '.cache', 'dist-copy-'));
    try {
      cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true });
      const file = program('rejects.js', "async function fail() {\n  throw new Error('no');\n}\nfail();\n");
      const made = async (cliFile: string) => {
        const json = join(work, `rejects-${readdirSync(work).length}.json`);
        const r = await runCli(['trace', file, '-q', '--json', json], { cwd: work, env: { LOOPSCOPE_CACHE_DIR: cache }, cli: cliFile });
        expect(r.code).toBe(1);
        const finding = parseTrace(readFileSync(json, 'utf8')).findings.find((f) => f.kind === 'unhandled-rejection');
        return finding?.sites.map((site) => [site.role, site.line]);
      };
      const expected = [['created', 4], ['rejection', 2]];
      expect(await made(join(copy, 'dist', 'cli.cjs'))).toEqual(expected);
      expect(await made(CLI)).toEqual(expected);
      expect(await made(CLI)).toEqual(expected);
      expect(readdirSync(cache).filter((f) => f.startsWith('v8-runtime.cjs-') && f.includes(process.version))).toHaveLength(2);
      // and the instrumenter's, which the tracer runs in a realm of its own
      expect(readdirSync(cache).filter((f) => f.startsWith('v8-instrumenter.cjs-') && f.includes(process.version))).toHaveLength(2);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('the cache folder on disk', () => {
  it('reads back what it wrote, and nothing under another key or from a damaged file', () => {
    const dir = join(work, 'store');
    writeEntry([dir], 'k1', ['code ✓', '', '{"a":1}']);
    expect(readEntry(dir, 'k1')).toEqual(['code ✓', '', '{"a":1}']);
    expect(readEntry(dir, 'k2')).toBeUndefined();
    writeFileSync(join(dir, 'k2.entry'), readFileSync(join(dir, 'k1.entry'))); // k1's entry under k2's name
    expect(readEntry(dir, 'k2')).toBeUndefined();
    writeFileSync(join(dir, 'k1.entry'), `${readFileSync(join(dir, 'k1.entry'), 'utf8')}more`);
    expect(readEntry(dir, 'k1')).toBeUndefined();
  });

  it('stays under its size limit, dropping the entries used least recently, and stale temporary files', () => {
    const dir = join(work, 'prune');
    const hour = 3_600_000;
    const t0 = Date.now() - 10 * hour;
    for (let i = 0; i < 8; i++) {
      writeEntry([dir], `e${i}`, ['x'.repeat(1000)]);
      utimesSync(join(dir, `e${i}.entry`), new Date(t0 + i * hour), new Date(t0 + i * hour));
    }
    // e0 used just now: it stays, though written first
    expect(readEntry(dir, 'e0', true)).toBeDefined();
    writeFileSync(join(dir, 'old.entry.1-0.tmp'), 'left by a killed writer');
    utimesSync(join(dir, 'old.entry.1-0.tmp'), new Date(t0), new Date(t0));
    writeFileSync(join(dir, 'new.entry.2-0.tmp'), 'being written now');
    const size = statSync(join(dir, 'e1.entry')).size;
    pruneCache(dir, size * 5);
    const left = readdirSync(dir).sort();
    expect(left).toEqual(['e0.entry', 'e6.entry', 'e7.entry', 'new.entry.2-0.tmp']);
    // as the runner does it after each run: at most once an hour (the first time now, then not again)
    pruneCache(dir, size * 2, true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.entry'))).toHaveLength(1);
    writeEntry([dir], 'e8', ['x'.repeat(1000)]);
    writeEntry([dir], 'e9', ['x'.repeat(1000)]);
    pruneCache(dir, size * 2, true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.entry'))).toHaveLength(3);
  });
});
