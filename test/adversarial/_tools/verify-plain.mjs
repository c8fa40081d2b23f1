// Checks the adversarial corpus with plain `node` only (no Loopscope): every program, run several times on each Node
// of scripts/nodes.mjs, gives the same stdout on every run and every Node, the same stderr on every run of one Node,
// exits as its `// exit:` / `// signal:` annotation says, and finishes in under a second.
//
// Usage: node test/adversarial/_tools/verify-plain.mjs [--runs N] [--jobs N] [--show-output] [name-filter...]
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const corpusDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(corpusDir, '..', '..');
const { testNodes } = await import(pathToFileURL(join(root, 'scripts', 'nodes.mjs')).href);
const { formatOf } = createRequire(import.meta.url)(join(root, 'test', 'support', 'plain-ts.cjs'));
const ENTRY_EXTS = ['.js', '.cjs', '.mjs', '.ts', '.mts', '.cts'];

const argv = process.argv.slice(2);
let runs = 2;
let jobs = 2;
let showOutput = false;
const filters = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--runs') runs = Number(argv[++i]);
  else if (argv[i] === '--jobs') jobs = Number(argv[++i]);
  else if (argv[i] === '--show-output') showOutput = true;
  else filters.push(argv[i]);
}

const programs = [];
for (const name of readdirSync(corpusDir).sort()) {
  if (name.startsWith('_') || name.startsWith('.')) continue;
  const p = join(corpusDir, name);
  const entry = statSync(p).isDirectory() ? ENTRY_EXTS.map((e) => join(p, 'main' + e)).find((f) => existsSync(f)) : ENTRY_EXTS.includes(extname(name)) ? p : null;
  if (!entry) continue;
  if (filters.length && !filters.some((f) => name.includes(f))) continue;
  const head = readFileSync(entry, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).slice(0, 3);
  let exit = 0;
  let signal = null;
  for (const l of head) {
    const e = /^\/\/ exit: (\d+)$/.exec(l);
    if (e) exit = Number(e[1]);
    const s = /^\/\/ signal: (SIG[A-Z0-9]+)$/.exec(l);
    if (s) [signal, exit] = [s[1], null];
  }
  programs.push({ name, entry, exit, signal });
}

function argsFor(entry) {
  if (!/\.[cm]?ts$/.test(entry)) return [entry];
  const args = ['--require', join(root, 'test', 'support', 'plain-ts.cjs')];
  if (formatOf(entry, readFileSync(entry, 'utf8')) === 'esm') args.push('--import', join(root, 'dist', 'tracer', 'esm-entry.mjs'));
  return [...args, entry];
}

function run(node, entry) {
  return new Promise((res) => {
    const started = process.hrtime.bigint();
    const child = spawn(node, argsFor(entry), { cwd: dirname(entry), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      res({ code, signal, stdout, stderr, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    });
  });
}

const nodes = testNodes(root);
const tasks = [];
for (const p of programs) for (const n of nodes) for (let i = 0; i < runs; i++) tasks.push({ p, n });
let next = 0;
await Promise.all(
  Array.from({ length: jobs }, async () => {
    while (next < tasks.length) {
      const t = tasks[next++];
      t.res = await run(t.n.path, t.p.entry);
    }
  }),
);

let failed = 0;
for (const p of programs) {
  const mine = tasks.filter((t) => t.p === p);
  const problems = [];
  const stdouts = new Set(mine.map((t) => t.res.stdout));
  if (stdouts.size > 1) problems.push(`stdout differs between runs or Nodes (${stdouts.size} variants)`);
  for (const n of nodes) {
    const runsOf = mine.filter((t) => t.n === n);
    if (new Set(runsOf.map((t) => t.res.stderr)).size > 1) problems.push(`node${n.major}: stderr differs between runs`);
    for (const t of runsOf) {
      if (t.res.code !== p.exit || t.res.signal !== p.signal) problems.push(`node${n.major}: exit ${t.res.code ?? t.res.signal}, expected ${p.exit ?? p.signal}`);
      if (t.res.ms > 2000) problems.push(`node${n.major}: slow (${Math.round(t.res.ms)} ms)`);
    }
  }
  const unique = [...new Set(problems)];
  if (unique.length) failed++;
  console.log(`${unique.length ? 'FAIL' : 'ok  '} ${p.name}${unique.length ? ': ' + unique.join('; ') : ''}`);
  if (showOutput || stdouts.size > 1) {
    for (const t of mine) console.log(`  node${t.n.major} exit ${t.res.code ?? t.res.signal}\n${(t.res.stdout + t.res.stderr).slice(0, 3000).replace(/^/gm, '    | ')}`);
  }
}
console.log(`${programs.length - failed} of ${programs.length} programs ok on Node ${nodes.map((n) => n.major).join(', ')} (${runs} runs each)`);
process.exit(failed ? 1 : 0);
