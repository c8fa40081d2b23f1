// Verifies the fidelity corpus with plain `node` (no Loopscope involved):
//  - every program gives identical stdout across N runs and across the Node
//    versions from scripts/nodes.mjs, and exits with its expected code;
//  - the annotations are well-formed (see README.md) and, unless
//    --no-annotations is given, agree with an independent probe
//    (queue-probe.cjs: async_hooks + stacks) and with V8 block coverage
//    (every `// await` line executes, every annotated print line prints).
// TypeScript programs are bundled with esbuild (inline source maps) first.
//
// Usage: node test/corpus/verify-plain.mjs [--runs N] [--jobs N]
//          [--no-annotations] [--show-output] [--node-arg ARG]... [name-filter...]
// --node-arg passes an extra flag to the plain runs, e.g. `--node-arg --no-opt --node-arg --no-sparkplug` to
// check that timing margins survive a much slower interpreter (a stand-in for tracing overhead).
// Exits 1 on any instability or annotation error.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const corpusDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(corpusDir, '..', '..');
const { testNodes } = await import(pathToFileURL(join(root, 'scripts', 'nodes.mjs')).href);

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
let runs = 5;
let jobs = 2;
let annotations = true;
let showOutput = false;
const nodeArgs = [];
const filters = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--runs') runs = Number(argv[++i]);
  else if (a === '--jobs') jobs = Number(argv[++i]);
  else if (a === '--no-annotations') annotations = false;
  else if (a === '--show-output') showOutput = true;
  else if (a === '--node-arg') nodeArgs.push(argv[++i]);
  else filters.push(a);
}

// ---------------------------------------------------------------- discovery
const QUEUES = ['main', 'nextTick', 'microtask', 'timer', 'immediate', 'io', 'close'];
const ENTRY_EXTS = ['.js', '.cjs', '.mjs', '.ts', '.mts', '.cts'];
const TS_EXTS = new Set(['.ts', '.mts', '.cts']);

function discover() {
  const programs = [];
  for (const name of readdirSync(corpusDir).sort()) {
    if (!/^\d\d-/.test(name)) continue;
    const p = join(corpusDir, name);
    if (statSync(p).isDirectory()) {
      const entry = ENTRY_EXTS.map((e) => join(p, 'main' + e)).find((f) => existsSync(f));
      if (!entry) throw new Error(`${name}: folder without main.{js,cjs,mjs,ts,mts,cts}`);
      const files = readdirSync(p)
        .filter((f) => ENTRY_EXTS.includes(extname(f)))
        .map((f) => join(p, f));
      programs.push({ name, entry, files });
    } else if (ENTRY_EXTS.includes(extname(name))) {
      programs.push({ name, entry: p, files: [p] });
    }
  }
  return programs;
}

// ---------------------------------------------------------------- static checks
const PRINT = /\b(console\.(log|error|warn|info)|process\.(stdout|stderr)\.write)\s*\(/;
const QUEUE_MARK = /\/\/ queue: (\S+)$/;
const AWAIT_MARK = /\/\/ await$/;

/** Returns {expectedExit, lines: Map(file -> {queue: Map(line->q), awaits: Set(line)}), errors: []} */
function staticCheck(prog) {
  const errors = [];
  const perFile = new Map();
  let expectedExit = 0;
  for (const file of prog.files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const rel = relative(corpusDir, file);
    const queue = new Map();
    const awaits = new Set();
    if (file === prog.entry) {
      if (!lines[0].startsWith('// ')) errors.push(`${rel}:1 first line must be a // description comment`);
      const m = /^\/\/ exit: (\d+)$/.exec(lines[1] || '');
      if (m) expectedExit = Number(m[1]);
    }
    lines.forEach((text, i) => {
      const n = i + 1;
      const qm = QUEUE_MARK.exec(text);
      const printing = PRINT.test(text);
      if (qm && !QUEUES.includes(qm[1])) errors.push(`${rel}:${n} unknown queue "${qm[1]}"`);
      if (printing && !qm) errors.push(`${rel}:${n} print without // queue: annotation`);
      if (qm && !printing) errors.push(`${rel}:${n} // queue: annotation on a line that does not print`);
      if (qm) queue.set(n, qm[1]);
      const hasAwaitWord = /\bawait\b/.test(text.replace(AWAIT_MARK, ''));
      const marked = AWAIT_MARK.test(text);
      if (hasAwaitWord && !marked) errors.push(`${rel}:${n} line mentions await without the // await marker`);
      if (marked && !hasAwaitWord) errors.push(`${rel}:${n} // await marker on a line without await`);
      if (marked && qm) errors.push(`${rel}:${n} a line cannot both print and await`);
      if (marked) awaits.add(n);
    });
    perFile.set(file, { queue, awaits, text: lines });
  }
  return { expectedExit, perFile, errors };
}

// ---------------------------------------------------------------- TypeScript
let esbuild = null;
const work = mkdtempSync(join(tmpdir(), 'loopscope-corpus-'));

function tsFormat(entry) {
  const ext = extname(entry);
  if (ext === '.mts') return 'esm';
  if (ext === '.cts') return 'cjs';
  const src = readFileSync(entry, 'utf8');
  return /^\s*(import|export)\b/m.test(src) || /^(for )?await\b/m.test(src) ? 'esm' : 'cjs';
}

async function runnable(prog) {
  if (!TS_EXTS.has(extname(prog.entry))) return { file: prog.entry, sourceMapped: false };
  if (!esbuild) {
    const req = createRequire(join(root, 'package.json'));
    esbuild = req('esbuild');
  }
  const format = tsFormat(prog.entry);
  const outfile = join(work, prog.name + (format === 'esm' ? '.mjs' : '.cjs'));
  await esbuild.build({
    entryPoints: [prog.entry],
    bundle: true,
    platform: 'node',
    format,
    target: 'node20',
    outfile,
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  return { file: outfile, sourceMapped: true, format };
}

// ---------------------------------------------------------------- running
const runCwd = mkdtempSync(join(tmpdir(), 'loopscope-corpus-cwd-'));

function run(nodePath, args, env = {}) {
  return new Promise((resolveRun) => {
    const started = process.hrtime.bigint();
    const child = spawn(nodePath, args, {
      cwd: runCwd,
      env: { ...process.env, NODE_OPTIONS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolveRun({ code: code ?? (signal ? `sig:${signal}` : null), stdout, stderr, ms });
    });
  });
}

async function pool(tasks, n) {
  const results = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, n) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

// ---------------------------------------------------------------- coverage
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function countAt(functions, offset) {
  let best = null;
  for (const fn of functions) {
    for (const r of fn.ranges) {
      if (r.startOffset <= offset && offset < r.endOffset) {
        if (!best || r.endOffset - r.startOffset <= best.endOffset - best.startOffset) best = r;
      }
    }
  }
  return best ? best.count : null;
}

/** Lines with `// await` that never executed, for JS files only (TS: bundle offsets differ). */
function unexecutedAwaits(covDir, info) {
  const problems = [];
  const scripts = new Map();
  for (const f of readdirSync(covDir)) {
    const j = JSON.parse(readFileSync(join(covDir, f), 'utf8'));
    for (const r of j.result) {
      if (!r.url.startsWith('file:')) continue;
      const p = fileURLToPath(r.url);
      scripts.set(p, [...(scripts.get(p) || []), ...r.functions]);
    }
  }
  for (const [file, { awaits, text }] of info.perFile) {
    if (TS_EXTS.has(extname(file)) || awaits.size === 0) continue;
    const fns = scripts.get(file);
    if (!fns) {
      problems.push(`${relative(corpusDir, file)}: no coverage (module never loaded?)`);
      continue;
    }
    const starts = lineStarts(text.join('\n'));
    for (const n of awaits) {
      const col = text[n - 1].search(/\bawait\b/);
      const c = countAt(fns, starts[n - 1] + col);
      if (!c) problems.push(`${relative(corpusDir, file)}:${n} // await line never executed`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------- probe check
const probePath = join(corpusDir, 'queue-probe.cjs');

async function annotationRun(node, prog, target, info, tag) {
  const probeOut = join(work, `${prog.name}.${tag}.probe.jsonl`);
  const covDir = join(work, `${prog.name}.${tag}.cov`);
  rmSync(probeOut, { force: true });
  rmSync(covDir, { recursive: true, force: true });
  mkdirSync(covDir, { recursive: true });
  const args = ['--require', probePath];
  if (target.sourceMapped) args.push('--enable-source-maps');
  args.push(target.file);
  const res = await run(node.path, args, { LOOPSCOPE_CORPUS_PROBE: probeOut, NODE_V8_COVERAGE: covDir });
  const problems = [];
  const seen = new Map(); // file:line -> Set(queue)
  const recs = existsSync(probeOut)
    ? readFileSync(probeOut, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  for (const r of recs) {
    if (!r.file || !info.perFile.has(r.file)) continue;
    const key = `${r.file}:${r.line}`;
    if (!seen.has(key)) seen.set(key, new Set());
    seen.get(key).add(r.queue);
  }
  for (const [file, { queue }] of info.perFile) {
    const rel = relative(corpusDir, file);
    for (const [n, q] of queue) {
      const got = seen.get(`${file}:${n}`);
      if (!got) problems.push(`${rel}:${n} annotated print never printed`);
      else if (got.size !== 1 || !got.has(q)) problems.push(`${rel}:${n} annotated ${q}, probe saw ${[...got].join('+')}`);
    }
    for (const [key, qs] of seen) {
      const [f, n] = [key.slice(0, key.lastIndexOf(':')), Number(key.slice(key.lastIndexOf(':') + 1))];
      if (f === file && !queue.has(n)) problems.push(`${rel}:${n} printed (${[...qs].join('+')}) but is not annotated`);
    }
  }
  if (!TS_EXTS.has(extname(prog.entry))) problems.push(...unexecutedAwaits(covDir, info));
  return { res, problems };
}

// ---------------------------------------------------------------- main
const nodes = testNodes(root);
const programs = discover().filter((p) => filters.length === 0 || filters.some((f) => p.name.includes(f)));
if (programs.length === 0) {
  console.error('verify-plain: no corpus program matched');
  process.exit(1);
}

const rows = [];
let failed = false;
const prepared = [];
for (const prog of programs) {
  const info = staticCheck(prog);
  let target = null;
  try {
    target = await runnable(prog);
  } catch (e) {
    info.errors.push(`esbuild failed: ${e.message}`);
  }
  prepared.push({ prog, info, target });
}

const tasks = [];
for (const p of prepared) {
  if (!p.target) continue;
  for (const node of nodes) {
    for (let i = 0; i < runs; i++) tasks.push(async () => ({ p, node, kind: 'plain', res: await run(node.path, [...nodeArgs, p.target.file]) }));
    if (annotations) tasks.push(async () => ({ p, node, kind: 'probe', ...(await annotationRun(node, p.prog, p.target, p.info, `n${node.major}`)) }));
    // Node >= 22 can strip types itself: when the program's syntax allows it, its output must match the esbuild build.
    if (p.target.sourceMapped && node.major >= 22) {
      tasks.push(async () => ({ p, node, kind: 'native', res: await run(node.path, ['--experimental-strip-types', '--no-warnings', p.prog.entry]) }));
    }
  }
}
const results = await pool(tasks, jobs);

for (const p of prepared) {
  const mine = results.filter((r) => r.p === p);
  const problems = [...p.info.errors];
  const outputs = new Set();
  const codes = {};
  let maxMs = 0;
  const nativeTs = new Set();
  for (const node of nodes) {
    const plain = mine.filter((r) => r.node === node && r.kind === 'plain');
    const cs = new Set(plain.map((r) => String(r.res.code)));
    codes[node.major] = [...cs].join('|');
    for (const r of plain) {
      outputs.add(r.res.stdout);
      maxMs = Math.max(maxMs, r.res.ms);
      if (r.res.code !== p.info.expectedExit) problems.push(`node${node.major}: exit ${r.res.code}, expected ${p.info.expectedExit}`);
    }
    const native = mine.find((r) => r.node === node && r.kind === 'native');
    if (native) {
      if (/ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX|ERR_INVALID_TYPESCRIPT_SYNTAX/.test(native.res.stderr)) nativeTs.add('esbuild only');
      else if (plain.length && native.res.stdout === plain[0].res.stdout && native.res.code === plain[0].res.code) nativeTs.add('same');
      else problems.push(`node${node.major}: --experimental-strip-types run differs from the esbuild build (exit ${native.res.code})`);
    }
    const probe = mine.find((r) => r.node === node && r.kind === 'probe');
    if (probe) {
      for (const msg of probe.problems) problems.push(`node${node.major}: ${msg}`);
      if (plain.length && probe.res.stdout !== plain[0].res.stdout) problems.push(`node${node.major}: stdout under the probe differs`);
    }
  }
  const stable = outputs.size <= 1;
  if (!stable) problems.push(`stdout differs between runs or versions (${outputs.size} variants)`);
  if (maxMs > 2000) problems.push(`slow: a run took ${Math.round(maxMs)} ms`);
  const uniqProblems = [...new Set(problems)];
  if (uniqProblems.length) failed = true;
  rows.push({ name: p.prog.name, codes, stable, maxMs, problems: uniqProblems, out: [...outputs], nativeTs: [...nativeTs].join('|') || '-' });
}

// ---------------------------------------------------------------- report
const head = ['program', ...nodes.map((n) => `node${n.major}`), 'stable', 'checks', 'max ms', 'strip-types'];
const body = rows.map((r) => [
  r.name,
  ...nodes.map((n) => r.codes[n.major] ?? '-'),
  r.stable ? 'yes' : 'NO',
  r.problems.length ? 'FAIL' : 'ok',
  String(Math.round(r.maxMs)),
  r.nativeTs,
]);
const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
const fmt = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
console.log(`runs per version: ${runs}; nodes: ${nodes.map((n) => `${n.major} (${relative(root, n.path) || n.path})`).join(', ')}`);
console.log(fmt(head));
console.log(fmt(widths.map((w) => '-'.repeat(w))));
for (const b of body) console.log(fmt(b));
for (const r of rows) {
  for (const msg of r.problems) console.log(`  ${r.name}: ${msg}`);
  if (showOutput || !r.stable) r.out.forEach((o, i) => console.log(`  ${r.name} output #${i + 1}:\n${o.replace(/^/gm, '    | ')}`));
}
const bad = rows.filter((r) => r.problems.length).length;
console.log(`${rows.length - bad} passed, ${bad} failed`);
rmSync(work, { recursive: true, force: true });
rmSync(runCwd, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
