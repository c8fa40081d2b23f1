// `node bench/worker.mjs [N]`: the await-heavy program traced on the main thread and inside a worker thread, each
// against its plain run (medians of BENCH_RUNS, default 3, the four runs alternating). A worker is traced with the
// same tracer as the main thread: its cost should be no higher.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(resolve(here, '..'), 'dist', 'cli.cjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const N = Number(process.argv[2] ?? 50_000);
const work = mkdtempSync(join(tmpdir(), 'loopscope-bench-worker-'));
const json = join(work, 'trace.json');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env: { ...process.env, BENCH_N: String(N) }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return performance.now() - t0;
}

const programs = { 'main thread': 'awaits.js', 'worker thread': 'awaits-in-worker.js' };
const times = Object.fromEntries(Object.keys(programs).map((k) => [k, { plain: [], traced: [], events: 0 }]));
for (let i = 0; i < RUNS; i++) {
  for (const [where, file] of Object.entries(programs)) {
    const path = join(here, 'programs', file);
    times[where].plain.push(run([path]));
    run([cli, 'trace', path, '--json', json, '-q', '--max-events', '20000000', '--timeout', '600000']);
    const trace = JSON.parse(readFileSync(json, 'utf8'));
    times[where].traced.push(trace.program.durationMs);
    times[where].events = trace.program.events;
  }
}
rmSync(work, { recursive: true, force: true });
console.log(`await-heavy program, ${N} async calls (${2 * N} awaits), medians of ${RUNS}`);
for (const [where, t] of Object.entries(times)) {
  const plain = median(t.plain);
  const traced = median(t.traced);
  console.log(`  ${where.padEnd(13)} plain ${plain.toFixed(0).padStart(6)} ms  traced ${traced.toFixed(0).padStart(6)} ms  ${(traced / plain).toFixed(1)}x  (${t.events} events)`);
}
