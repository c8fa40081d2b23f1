// Records the raw events of every corpus program once, for the model's golden tier (test/model/golden.test.ts).
// Run it with `node scripts/record-model.mjs [name-filter]` after a change to the tracer; then rewrite the goldens
// with `npx vitest run --project core -u` and review the diff. Each recording is a folder like the tracer's own
// trace directory (events.bin, meta.ndjson) plus run.json (what the runner adds). The checkout's absolute path is
// replaced by ROOT_PLACEHOLDER so a recording reads the same on every machine.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { runTraced } from '../../src/runner/run-traced';
import { readRequests, requestsFileFor } from '../../src/runner/requests';
import type { RawRun } from '../../src/core/raw-events';
import { EVENTS_FILE, META_FILE, threadFiles } from '../../src/core/raw-events';
import { CORPORA, RECORDINGS, ROOT_PLACEHOLDER, RUN_FILE, root, MAX_RECORDING_BYTES } from './recordings';

const ENTRY_EXTS = ['.js', '.cjs', '.mjs', '.ts', '.mts', '.cts'];

function entries(dir: string): { name: string; entry: string }[] {
  const out: { name: string; entry: string }[] = [];
  for (const name of readdirSync(join(root, dir)).sort()) {
    const path = join(root, dir, name);
    if (statSync(path).isDirectory()) {
      const main = ENTRY_EXTS.map((e) => join(path, `main${e}`)).find((f) => existsSync(f));
      if (main) out.push({ name, entry: main });
    } else if (ENTRY_EXTS.includes(extname(name)) && /^[a-z0-9]/i.test(name) && !/queue-probe|verify|\.test\./.test(name)) {
      out.push({ name: name.replace(/\.[^.]+$/, '') + extname(name).replace('.', '-'), entry: path });
    }
  }
  return out;
}

const scrub = (text: string) => text.split(root).join(ROOT_PLACEHOLDER);

async function record(corpus: string, name: string, entry: string): Promise<string> {
  let raw: RawRun | undefined;
  const requestsFile = requestsFileFor(entry);
  await runTraced({
    entry,
    cwd: join(entry, '..'),
    stdio: 'pipe',
    timeoutMs: Number(/^\/\/ timeout: (\d+)/.exec(readFileSync(entry, 'utf8'))?.[1] ?? 5_000),
    requests: requestsFile ? readRequests(requestsFile) : undefined,
    onRawRun: (run) => (raw = run),
  });
  if (!raw) return 'no recording';
  const dir = join(RECORDINGS, corpus, name);
  rmSync(dir, { recursive: true, force: true });
  const bytes = raw.events.byteLength;
  if (bytes > MAX_RECORDING_BYTES) return `skipped: ${bytes} bytes of events is more than this tier keeps`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, EVENTS_FILE), new Uint8Array(raw.events.buffer, raw.events.byteOffset, raw.events.byteLength));
  writeFileSync(join(dir, META_FILE), raw.meta.map((m) => scrub(JSON.stringify(m)) + '\n').join(''));
  // each other loop's recording (workers, child processes), as the tracer wrote it
  for (const t of raw.threads ?? []) {
    const files = threadFiles(t.thread);
    writeFileSync(join(dir, files.events), new Uint8Array(t.events.buffer, t.events.byteOffset, t.events.byteLength));
    writeFileSync(join(dir, files.meta), t.meta.map((m) => scrub(JSON.stringify(m)) + '\n').join(''));
  }
  const { events: _e, meta: _m, threads: _t, ...rest } = raw;
  // the wall-clock duration differs every run; the model only copies it
  writeFileSync(join(dir, RUN_FILE), scrub(JSON.stringify({ ...rest, durationMs: 0 }, null, 1)) + '\n');
  return `${raw.events.length / 8} events`;
}

async function main() {
  const filter = process.argv[2];
  for (const corpus of CORPORA) {
    for (const { name, entry } of entries(corpus)) {
      if (filter && !`${corpus}/${name}`.includes(filter)) continue;
      const what = await record(corpus, name, entry).catch((err: Error) => `failed: ${err.message}`);
      process.stdout.write(`${relative(root, join(RECORDINGS, corpus, name))}: ${what}\n`);
    }
  }
}

void main();
