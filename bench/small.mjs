// Small programs: the whole `loopscope trace <file>` command (start, entry check, traced child, model, summary)
// against plain `node <file>`, as a user waits for it. Called by bench/run.mjs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const PROGRAMS = [
  'examples/event-loop-puzzle.js',
  'bench/programs/timer-5s.js',
  'test/corpus/02-classic-puzzle-esm.mjs',
  'test/corpus/05-timer-delays.js',
  'test/corpus/09-async-several-awaits.js',
  'test/corpus/13-promise-combinators.js',
  'test/corpus/24-event-emitter.js',
  'test/corpus/26-fs-promises.mjs',
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f1 = (x) => x.toFixed(1);

function wall(args, cwd) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return ms;
}

/** Prints the table; every figure a median of `runs`, the sides alternating so a slow moment hits all of them. */
export function smallPrograms(root, cli, work, runs) {
  const cache = join(work, 'small-cache');
  console.log('Small programs: the whole `loopscope trace <file>` command against `node <file>` (wall time, ms).');
  console.log('"next run": the files were instrumented by an earlier run (the persistent cache); "first run": --no-cache.\n');
  console.log('| program | plain | trace, next run | ratio | trace, first run | ratio |');
  console.log('|---|---|---|---|---|---|');
  const next = [];
  const first = [];
  for (const program of PROGRAMS) {
    const file = join(root, program);
    // the trace file goes where the user's default would (a .lstrace), but into the work folder, not the checkout
    const out = ['--out', join(work, 'small.lstrace')];
    wall([cli, 'trace', file, '-q', '--cache-dir', cache, ...out], root); // fills the cache
    const plain = [];
    const warm = [];
    const cold = [];
    for (let i = 0; i < runs; i++) {
      plain.push(wall([file], root));
      warm.push(wall([cli, 'trace', file, '-q', '--cache-dir', cache, ...out], root));
      cold.push(wall([cli, 'trace', file, '-q', '--no-cache', ...out], root));
    }
    const p = median(plain);
    next.push(median(warm) / p);
    first.push(median(cold) / p);
    console.log(`| ${program} | ${Math.round(p)} | ${Math.round(median(warm))} | ${f1(median(warm) / p)}x | ${Math.round(median(cold))} | ${f1(median(cold) / p)}x |`);
  }
  console.log(`| **median ratio** | | | **${f1(median(next))}x** | | **${f1(median(first))}x** |`);
}
