// `node bench/model.mjs [N]`: the model alone (raw recording -> Trace) on the await-heavy program with N async calls
// (default 50,000, i.e. 100k awaits). The program is traced once; then the model runs in a fresh process
// (`--expose-gc`), and its time, the process's peak RSS and the heap the Trace holds are printed.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const N = Number(process.argv[2] ?? 50_000);
const bundle = join(root, 'dist', 'bench-model.cjs');
const work = mkdtempSync(join(tmpdir(), 'loopscope-bench-model-'));

const helper = `
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTraced, readRaw } from './src/runner/run-traced';
import { buildTrace } from './src/model';
const [mode, dir, program, n] = process.argv.slice(2);
if (mode === 'record') {
  void runTraced({ entry: program, stdio: 'pipe', env: { ...process.env, BENCH_N: n }, maxEvents: 20_000_000, timeoutMs: 600_000,
    onRawRun: (run) => {
      writeFileSync(join(dir, 'events.bin'), new Uint8Array(run.events.buffer, run.events.byteOffset, run.events.byteLength));
      writeFileSync(join(dir, 'meta.ndjson'), run.meta.map((m) => JSON.stringify(m) + '\\n').join(''));
      writeFileSync(join(dir, 'run.json'), JSON.stringify({ ...run, events: undefined, meta: undefined }));
    } });
} else {
  const { events, meta } = readRaw(dir);
  const run = { ...require(join(dir, 'run.json')), events, meta };
  global.gc();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  // the main thread's CPU time (Node 22 and later say it; on Linux, before, /proc does, in 10 ms ticks): a loaded
  // machine changes it less than wall time
  const threadCpuMs = () => {
    if (process.threadCpuUsage) {
      const u = process.threadCpuUsage();
      return (u.user + u.system) / 1000;
    }
    try {
      const f = readFileSync('/proc/self/task/' + process.pid + '/stat', 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) * 10;
    } catch {
      return null;
    }
  };
  const cpu0 = threadCpuMs();
  const trace = buildTrace(run);
  const ms = performance.now() - t0;
  const cpu1 = threadCpuMs();
  global.gc();
  const held = process.memoryUsage().heapUsed - before;
  console.log(JSON.stringify({ cpuMs: cpu0 !== null && cpu1 !== null ? Math.round(cpu1 - cpu0) : null, events: events.length / 8, steps: trace.steps.length, tasks: trace.tasks.length, ms: Math.round(ms), heldMB: Math.round(held / 1048576), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}
`;

try {
  await build({ stdin: { contents: helper, resolveDir: root, loader: 'ts' }, outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['esbuild'], logLevel: 'warning', define: { __dirname: JSON.stringify(join(root, 'dist')) } });
  const rec = spawnSync(process.execPath, [bundle, 'record', work, join(here, 'programs', 'awaits.js'), String(N)], { stdio: 'inherit' });
  if (rec.status !== 0) throw new Error('recording failed');
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(process.execPath, ['--expose-gc', bundle, 'measure', work], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    runs.push(JSON.parse(r.stdout));
  }
  runs.sort((a, b) => a.ms - b.ms);
  const m = runs[1];
  // the median of each figure on its own
  m.cpuMs = runs.every((r) => r.cpuMs !== null) ? runs.map((r) => r.cpuMs).sort((a, b) => a - b)[1] : null;
  console.log(`model on ${m.events} events (${N} calls, ${2 * N} awaits): ${m.ms} ms (median of 3${m.cpuMs !== null ? `; main thread CPU ${m.cpuMs} ms` : ''}), trace ${m.steps} steps / ${m.tasks} tasks holds ${m.heldMB} MB, peak RSS ${m.peakRssMB} MB`);
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(bundle, { force: true });
}
