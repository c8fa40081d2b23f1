// Checks the race corpus (test/races): every program runs twice with plain node, one after the other, and must exit 0
// with identical stdout, empty stderr, in under 2 s; every program carries well-formed `// expect:` lines, and every
// race program (r*) the line marks its expectations need, with the expected location written on the marked line.
// Usage: node test/races/verify.mjs        Exits 1 and lists the problems if there are any.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const TIME_LIMIT_MS = 2000;
const MIN_PER_SIDE = 16;
const MIN_HTTP = 3;
const MARKS = new Set(['read', 'write', 'await', 'check', 'act', 'use']);
// What each kind of finding needs marked, and on which mark's line its location must be written.
const KINDS = {
  'lost-update': { marks: ['read', 'write', 'await'], locationAt: 'write' },
  'stale-read': { marks: ['read', 'await', 'use'], locationAt: 'read' },
  'check-then-act': { marks: ['check', 'act', 'await'], locationAt: 'act' },
};
const EXPECT_LINE = /^\/\/ expect: (none|(lost-update|stale-read|check-then-act) (\S+))$/;
const NAME = /^([rs])(\d\d)-[a-z0-9-]+\.(js|mjs)$/;

/** The header (leading comment block), the expectations and the line marks of one program. */
function inspect(source) {
  const problems = [];
  const lines = source.split('\n');
  const header = [];
  for (const line of lines) {
    if (!line.startsWith('//')) break;
    header.push(line);
  }
  if (header.length === 0 || header[0].startsWith('// expect:')) {
    problems.push('the first line must be a comment saying what the program shows');
  }
  const expects = [];
  header.forEach((line) => {
    if (!line.startsWith('// expect')) return;
    const m = EXPECT_LINE.exec(line);
    if (!m) problems.push(`malformed expectation: ${line}`);
    else expects.push(m[1] === 'none' ? { kind: 'none' } : { kind: m[2], location: m[3] });
  });
  lines.forEach((line, i) => {
    if (i >= header.length && /^\s*\/\/\s*expect\b/.test(line)) problems.push(`line ${i + 1}: expectation outside the header`);
  });
  if (expects.length === 0) problems.push('no `// expect:` line');
  // Line marks: a trailing comment after code made only of mark words, e.g. `x = seen + 1; // write`.
  const marks = new Map();
  lines.forEach((line, i) => {
    const m = /^(.*\S)\s*\/\/\s*([a-z]+(?:\s+[a-z]+)*)\s*$/.exec(line);
    if (!m || m[1].trimStart().startsWith('//')) return;
    const words = m[2].split(/\s+/);
    if (!words.every((w) => MARKS.has(w))) return;
    for (const w of words) {
      if (!marks.has(w)) marks.set(w, []);
      marks.get(w).push({ line: i + 1, code: m[1] });
    }
  });
  return { expects, marks, problems };
}

function locationOnLine(location, code) {
  return location.endsWith('[]') ? code.includes(`${location.slice(0, -2)}[`) : code.includes(location);
}

function checkProgram(file, source) {
  const { expects, marks, problems } = inspect(source);
  const side = NAME.exec(file)[1];
  const none = expects.filter((e) => e.kind === 'none');
  if (side === 's') {
    if (none.length !== 1 || expects.length !== 1) problems.push('a safe program expects exactly `none`');
    if (marks.size > 0) problems.push(`a safe program carries line marks: ${[...marks.keys()].join(', ')}`);
  } else {
    if (none.length > 0) problems.push('a race program cannot expect `none`');
    for (const e of expects.filter((x) => x.kind !== 'none')) {
      const need = KINDS[e.kind];
      const missing = need.marks.filter((m) => !marks.has(m));
      if (missing.length > 0) problems.push(`${e.kind} ${e.location}: missing mark(s) ${missing.map((m) => `// ${m}`).join(', ')}`);
      const at = marks.get(need.locationAt) ?? [];
      if (at.length > 0 && !at.some((mark) => locationOnLine(e.location, mark.code))) {
        problems.push(`${e.kind} ${e.location}: the location is not written on any \`// ${need.locationAt}\` line`);
      }
    }
  }
  return { expects, marks, problems };
}

function run(file) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [file], { cwd: here, encoding: 'utf8', timeout: 10_000 });
  return { ms: Math.round(performance.now() - started), status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const files = readdirSync(here).filter((f) => NAME.test(f)).sort();
const strays = readdirSync(here).filter((f) => /\.(c?js|mjs|ts)$/.test(f) && f !== 'verify.mjs' && !NAME.test(f));
const corpusProblems = strays.map((f) => `${f}: not named r<NN>-<what>.js|mjs or s<NN>-<what>.js|mjs`);
const seenNumbers = new Set();
for (const f of files) {
  const key = f.slice(0, 3);
  if (seenNumbers.has(key)) corpusProblems.push(`${key}: number used twice`);
  seenNumbers.add(key);
}

const rows = [];
let failed = 0;
for (const file of files) {
  const source = readFileSync(join(here, file), 'utf8');
  const { expects, problems } = checkProgram(file, source);
  const first = run(file);
  const second = run(file);
  for (const [n, r] of [[1, first], [2, second]]) {
    if (r.signal || r.status !== 0) problems.push(`run ${n}: exit ${r.status ?? r.signal}${r.stderr ? `: ${r.stderr.trim().split('\n')[0]}` : ''}`);
    else if (r.stderr !== '') problems.push(`run ${n}: wrote to stderr: ${r.stderr.trim().split('\n')[0]}`);
    if (r.ms > TIME_LIMIT_MS) problems.push(`run ${n}: took ${r.ms} ms (limit ${TIME_LIMIT_MS} ms)`);
  }
  if (first.stdout !== second.stdout) problems.push('stdout differs between the two runs');
  if (first.stdout.trim() === '') problems.push('prints nothing');
  if (problems.length > 0) failed++;
  rows.push({
    file,
    expect: expects.map((e) => (e.kind === 'none' ? 'none' : `${e.kind} ${e.location}`)).join('; '),
    ms: `${first.ms}/${second.ms}`,
    result: problems.length === 0 ? 'ok' : 'FAIL',
    problems,
    http: /node:http/.test(source),
  });
}

const races = files.filter((f) => f.startsWith('r')).length;
const safes = files.filter((f) => f.startsWith('s')).length;
const httpCount = rows.filter((r) => r.http).length;
if (races < MIN_PER_SIDE) corpusProblems.push(`only ${races} race programs (at least ${MIN_PER_SIDE})`);
if (safes < MIN_PER_SIDE) corpusProblems.push(`only ${safes} safe programs (at least ${MIN_PER_SIDE})`);
if (httpCount < MIN_HTTP) corpusProblems.push(`only ${httpCount} programs use node:http (at least ${MIN_HTTP})`);
if (!files.some((f) => f.endsWith('.js')) || !files.some((f) => f.endsWith('.mjs'))) corpusProblems.push('the corpus should mix .js and .mjs');
if (!existsSync(join(here, 'README.md'))) corpusProblems.push('README.md is missing');

const widths = {
  file: Math.max(7, ...rows.map((r) => r.file.length)),
  expect: Math.max(6, ...rows.map((r) => r.expect.length)),
  ms: Math.max(10, ...rows.map((r) => r.ms.length)),
};
const line = (a, b, c, d) => `${a.padEnd(widths.file)}  ${b.padEnd(widths.expect)}  ${c.padStart(widths.ms)}  ${d}`;
console.log(line('program', 'expect', 'run 1/2 ms', 'result'));
console.log(line('-'.repeat(widths.file), '-'.repeat(widths.expect), '-'.repeat(widths.ms), '------'));
for (const r of rows) {
  console.log(line(r.file, r.expect, r.ms, r.result));
  for (const p of r.problems) console.log(`    - ${p}`);
}
console.log('');
for (const p of corpusProblems) console.log(`corpus: ${p}`);
console.log(`${files.length} programs (${races} race, ${safes} safe, ${httpCount} over node:http): ${files.length - failed} ok, ${failed} failed` +
  (corpusProblems.length > 0 ? `, ${corpusProblems.length} corpus problem(s)` : ''));
process.exit(failed > 0 || corpusProblems.length > 0 ? 1 : 0);
