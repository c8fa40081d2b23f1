// `npm run bench`: traced vs untraced, side by side in one run, and how cost grows with trace size.
// Every figure is the median of RUNS runs; ratios compare runs made in this same invocation.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minifiedProgram, instrumentTimes } from './instrument.mjs';
import { smallPrograms } from './small.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const cli = join(root, 'dist', 'cli.cjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const work = mkdtempSync(join(tmpdir(), 'loopscope-bench-'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One process tree run; returns wall ms measured here, plus what measure.cjs saw in each process. */
function once(args, n, extraEnv = {}) {
  const out = join(work, `m-${Math.random().toString(36).slice(2)}.ndjson`);
  const env = { ...process.env, BENCH_N: String(n), LOOPSCOPE_BENCH_OUT: out, NODE_OPTIONS: `--require ${join(here, 'measure.cjs')}`, ...extraEnv };
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const procs = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  rmSync(out);
  return { wall, procs, stderr: r.stderr };
}

/** Traced wall time of the program itself, with or without race recording (median of RUNS, alternating). */
function racesOverhead(program, n) {
  const file = join(here, 'programs', program);
  const json = join(work, 'trace.json');
  const plain = [];
  const off = [];
  const on = [];
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    plain.push(once([file], n).wall);
    once([cli, 'trace', file, '--json', json, '-q', '--no-races', '--max-events', '20000000', '--timeout', '600000'], n);
    off.push(JSON.parse(readFileSync(json, 'utf8')).program.durationMs);
    once([cli, 'trace', file, '--json', json, '-q', '--max-events', '20000000', '--timeout', '600000'], n);
    const t = JSON.parse(readFileSync(json, 'utf8'));
    on.push(t.program.durationMs);
    findings = t.findings.length;
  }
  return { plain: median(plain), off: median(off), on: median(on), findings };
}

function measure(program, n) {
  const file = join(here, 'programs', program);
  const json = join(work, 'trace.json');
  const plain = [];
  const traced = [];
  for (let i = 0; i < RUNS; i++) {
    // alternate, so a slow moment of the machine hits both sides
    const p = once([file], n);
    plain.push({ wall: p.wall, rss: p.procs.find((x) => x.role === 'program').maxRssKb });
    const t = once([cli, 'trace', file, '--json', json, '-q', '--max-events', '20000000', '--timeout', '600000'], n);
    const child = t.procs.find((x) => x.role === 'program');
    const parent = t.procs.find((x) => x.role === 'cli');
    const trace = JSON.parse(readFileSync(json, 'utf8'));
    traced.push({
      wall: t.wall,
      childWall: trace.program.durationMs,
      childRss: child.maxRssKb,
      cliRss: parent.maxRssKb,
      events: trace.program.events,
      steps: trace.steps.length,
      jsonBytes: statSync(json).size,
    });
  }
  const m = (xs, k) => median(xs.map((x) => x[k]));
  return {
    program,
    n,
    events: m(traced, 'events'),
    steps: m(traced, 'steps'),
    plainMs: m(plain, 'wall'),
    tracedRunMs: m(traced, 'childWall'),
    tracedTotalMs: m(traced, 'wall'),
    plainRssMb: m(plain, 'rss') / 1024,
    tracedRssMb: m(traced, 'childRss') / 1024,
    cliRssMb: m(traced, 'cliRss') / 1024,
    jsonBytesPerEvent: m(traced, 'jsonBytes') / m(traced, 'events'),
  };
}

/** The program section of a .lstrace (docs/trace-format.md: the first section after the 16-byte header is PROG). */
function binaryProgram(path) {
  const b = readFileSync(path);
  if (b.toString('latin1', 16, 20) !== 'PROG') throw new Error(`${path}: no PROG section first`);
  return JSON.parse(b.toString('utf8', 32, 32 + b.readUInt32LE(24)));
}

/** The whole command with each trace file form, against the plain program: time, the file's bytes per event, memory. */
function traceFileForms(program, n) {
  const file = join(here, 'programs', program);
  const bin = join(work, 'forms.lstrace');
  const json = join(work, 'forms.json');
  const limits = ['-q', '--max-events', '20000000', '--timeout', '600000'];
  const plain = [];
  const out = [];
  const js = [];
  for (let i = 0; i < RUNS; i++) {
    // alternate, so a slow moment of the machine hits every side
    plain.push(once([file], n).wall);
    const b = once([cli, 'trace', file, '--out', bin, ...limits], n);
    out.push({ wall: b.wall, cliRss: b.procs.find((x) => x.role === 'cli').maxRssKb, bytes: statSync(bin).size, events: binaryProgram(bin).events });
    const j = once([cli, 'trace', file, '--json', json, ...limits], n);
    js.push({ wall: j.wall, cliRss: j.procs.find((x) => x.role === 'cli').maxRssKb, bytes: statSync(json).size, events: JSON.parse(readFileSync(json, 'utf8')).program.events });
  }
  const m = (xs, k) => median(xs.map((x) => x[k]));
  return { program, n, plain: median(plain), out: m(out, 'wall'), json: m(js, 'wall'), outBpe: m(out, 'bytes') / m(out, 'events'), jsonBpe: m(js, 'bytes') / m(js, 'events'), events: m(out, 'events'), outRss: m(out, 'cliRss') / 1024, jsonRss: m(js, 'cliRss') / 1024 };
}

const f1 = (x) => x.toFixed(1);
const row = (r) =>
  `| ${r.program} (N=${r.n}) | ${r.events} | ${Math.round(r.plainMs)} | ${Math.round(r.tracedRunMs)} | ${f1(r.tracedRunMs / r.plainMs)}x | ${Math.round(r.tracedTotalMs)} | ${f1(r.tracedTotalMs / r.plainMs)}x | ${f1(r.plainRssMb)} | ${f1(r.tracedRssMb)} | ${f1(r.tracedRssMb / r.plainRssMb)}x | ${f1(r.cliRssMb)} |`;
const header = [
  '| program | events | plain ms | traced run ms | run ratio | trace+model+JSON ms | total ratio | plain MB | traced program MB | memory ratio | CLI (model) MB |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
];

console.log(`Loopscope benchmark: Node ${process.version}, ${RUNS} runs each (median), ${new Date().toISOString()}`);
console.log('"traced run" is the traced program from start to exit; "trace+model+JSON" adds building the model and');
console.log('writing the trace file (the whole `loopscope trace --json` command). Memory is peak RSS.\n');
// BENCH_ONLY=trace-file: only the trace file table (a quicker run while working on the file's format);
// BENCH_ONLY=large-file: only the large file's instrumentation
const only = process.env.BENCH_ONLY;
if (!only) smallPrograms(root, cli, work, RUNS);
const big = only && only !== 'large-file' ? null : minifiedProgram(root, work);
if (big) {
  console.log(`\nInstrumenting a large file: ${(big.bytes / 1e6).toFixed(2)} MB of minified libraries in one file.\n`);
  const t = instrumentTimes(root, work, big.big, RUNS);
  const cache = join(work, 'cache');
  const plain = [];
  const cold = [];
  const cached = [];
  const entryCold = [];
  for (let i = 0; i < RUNS; i++) {
    plain.push(once([big.program], 0).wall);
    rmSync(cache, { recursive: true, force: true });
    const out = ['--out', join(work, 'big.lstrace')];
    cold.push(once([cli, 'trace', big.program, '-q', '--timeout', '600000', '--cache-dir', cache, ...out], 0).wall); // the first run: nothing cached
    cached.push(once([cli, 'trace', big.program, '-q', '--timeout', '600000', '--cache-dir', cache, ...out], 0).wall); // the next: instrumented before
    // the big file as the entry: the CLI's entry check instruments it (the traced process reads it back); nothing
    // cached but V8's code for Loopscope's own bundles, as on a user's first trace of a new file
    for (const f of readdirSync(cache)) if (f.endsWith('.entry')) rmSync(join(cache, f));
    entryCold.push(once([cli, 'trace', big.big, '-q', '--timeout', '600000', '--cache-dir', cache, ...out], 0).wall);
  }
  console.log('| acorn parse alone ms (with locations / without, as the instrumenter parses) | whole instrumentation ms | instrumentation / parse | read from the cache ms |');
  console.log('|---|---|---|---|');
  console.log(`| ${Math.round(t.parse)} / ${Math.round(t.bare)} | ${Math.round(t.instrument)} | ${f1(t.instrument / t.parse)}x / ${f1(t.instrument / t.bare)}x | ${Math.round(t.cached)} |`);
  console.log('\nThe whole `loopscope trace` of a program that requires that file (the traced run includes compiling and running the instrumented code):\n');
  console.log('| plain run ms | trace, first run (nothing cached) ms | ratio | trace, next run (cached) ms | ratio |');
  console.log('|---|---|---|---|---|');
  const p = median(plain);
  console.log(`| ${Math.round(p)} | ${Math.round(median(cold))} | ${f1(median(cold) / p)}x | ${Math.round(median(cached))} | ${f1(median(cached) / p)}x |`);
  console.log(`\nThe whole \`loopscope trace\` of the large file itself (the CLI's entry check instruments it), a first run: ${Math.round(median(entryCold))} ms.`);
}
if (only === 'large-file') {
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
console.log('\nThe trace file: the whole `loopscope trace --out x.lstrace` (the compact binary form, the default output) and');
console.log('`loopscope trace --json x.json` against the plain program, in the same run; bytes per recorded event on disk.\n');
console.log('| program | events | plain ms | trace --out ms | ratio | .lstrace bytes/event | trace --json ms | ratio | JSON bytes/event | CLI MB (--out / --json) |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
{
  const r = traceFileForms('awaits.js', 50_000);
  console.log(`| ${r.program} (N=${r.n}, ${2 * r.n / 1000}k awaits) | ${r.events} | ${Math.round(r.plain)} | ${Math.round(r.out)} | ${f1(r.out / r.plain)}x | ${f1(r.outBpe)} | ${Math.round(r.json)} | ${f1(r.json / r.plain)}x | ${f1(r.jsonBpe)} | ${Math.round(r.outRss)} / ${Math.round(r.jsonRss)} |`);
}
if (only) {
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
console.log('');
console.log(header.join('\n'));
for (const [program, n] of [['awaits.js', 50_000], ['timers.js', 10_000], ['fs-reads.js', 2_000], ['mixed.js', 27_000]]) {
  console.log(row(measure(program, n)));
}
console.log('\nGrowth with trace size (mixed.js): time and memory per event should stay flat.\n');
console.log('| events | traced run ms | µs/event (run) | total ms | µs/event (total) | traced program MB | CLI (model) MB | trace JSON bytes/event |');
console.log('|---|---|---|---|---|---|---|---|');
for (const n of [270, 2_700, 27_000]) {
  const r = measure('mixed.js', n);
  console.log(`| ${r.events} | ${Math.round(r.tracedRunMs)} | ${f1((r.tracedRunMs * 1000) / r.events)} | ${Math.round(r.tracedTotalMs)} | ${f1((r.tracedTotalMs * 1000) / r.events)} | ${f1(r.tracedRssMb)} | ${f1(r.cliRssMb)} | ${f1(r.jsonBytesPerEvent)} |`);
}
console.log('\nRace recording (reads and writes of shared state across awaits): traced run time with and without it.\n');
console.log('| program | plain ms | traced, no races ms | traced, races ms | races / no races | findings |');
console.log('|---|---|---|---|---|---|');
for (const [program, n] of [['awaits.js', 50_000], ['shared-state.js', 50_000]]) {
  const r = racesOverhead(program, n);
  console.log(`| ${program} (N=${n}) | ${Math.round(r.plain)} | ${Math.round(r.off)} | ${Math.round(r.on)} | ${f1(r.on / r.off)}x | ${r.findings} |`);
}
console.log(`\nRaw recording: 32 bytes per event in events.bin (fixed-size records), strings in meta.ndjson.`);
rmSync(work, { recursive: true, force: true });
