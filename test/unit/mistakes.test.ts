// Async mistakes found on real runs: a blocked event loop, an unhandled rejection, handles left open at the limit.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTraced } from '../../src/runner/run-traced';

const dir = mkdtempSync(join(tmpdir(), 'loopscope-mistakes-'));
async function findings(name: string, source: string, timeoutMs?: number) {
  const file = join(dir, name);
  writeFileSync(file, source);
  const { trace } = await runTraced({ entry: file, cwd: dir, stdio: 'pipe', timeoutMs });
  return { findings: trace.findings, file };
}

describe('async mistakes', () => {
  it('a synchronous task that blocks the event loop', async () => {
    const { findings: f, file } = await findings(
      'busy.js',
      "setTimeout(function crunch() {\n  const end = Date.now() + 250;\n  while (Date.now() < end) {}\n}, 1);\nsetTimeout(() => console.log('late'), 5);\n",
    );
    const blocked = f.filter((x) => x.kind === 'blocked-loop');
    expect(blocked).toHaveLength(1);
    expect(blocked[0].message).toMatch(/blocked for \d+ ms/);
    expect(blocked[0].sites[0]).toMatchObject({ file, line: 1, role: 'blocking-task' });
  });

  it('no sequential-awaits alarm when both awaited calls touch the same shared state (ordered on purpose)', async () => {
    const { findings: f } = await findings(
      'ordered.js',
      'let total = 0;\nconst wait = (ms) => new Promise((r) => setTimeout(r, ms));\nasync function add(n) { const t = total; await wait(20); total = t + n; }\n(async () => {\n  await add(1);\n  await add(2);\n})();\n',
    );
    expect(f.filter((x) => x.kind === 'sequential-awaits')).toEqual([]);
  });

  it('no false alarm on quick tasks', async () => {
    const { findings: f } = await findings('quick.js', "for (let i = 0; i < 50; i++) setTimeout(() => JSON.stringify({ i }), i % 5);\n");
    expect(f).toEqual([]);
  });

  it('a timer starved by a microtask queue that never drains', async () => {
    const { findings: f, file } = await findings(
      'starve.js',
      "setTimeout(() => console.log('timer'), 5);\nconst end = Date.now() + 150;\nfunction spin() { if (Date.now() < end) Promise.resolve().then(spin); }\nspin();\n",
    );
    const starved = f.filter((x) => x.kind === 'starvation');
    expect(starved).toHaveLength(1);
    expect(starved[0].message).toMatch(/ran \d+ ms late/);
    expect(starved[0].sites.find((s) => s.role === 'starved-timer')).toMatchObject({ file, line: 1 });
  });

  it('sequential awaits of independent work, with the time that would be saved', async () => {
    const { findings: f, file } = await findings(
      'sequential.js',
      [
        'const wait = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));',
        'async function page() {',
        '  const user = await wait(40, "ada");',
        '  const news = await wait(40, ["n"]);',
        '  const prefs = await wait(20, news.length);',
        '  return [user, news, prefs];',
        '}',
        'page();',
        '',
      ].join('\n'),
    );
    const seq = f.filter((x) => x.kind === 'sequential-awaits');
    // news does not use user: reported; prefs uses news: not reported
    expect(seq).toHaveLength(1);
    expect(seq[0].sites.map((s) => [s.role, s.line])).toEqual([
      ['first-await', 3],
      ['second-await', 4],
    ]);
    expect(seq[0].sites[0].file).toBe(file);
    expect(seq[0].message).toMatch(/save about \d+ ms/);
  });

  it('a floating promise: started inside a coroutine, never awaited, still running when its creator finished', async () => {
    const { findings: f, file } = await findings(
      'floating.js',
      [
        'const wait = (ms) => new Promise((r) => setTimeout(r, ms));',
        'async function sendEmail() { await wait(30); }',
        'async function audit() { await wait(5); }',
        'async function signup() {',
        '  sendEmail();',
        '  await audit();',
        '  await Promise.all([audit()]);',
        '}',
        'signup();',
        '',
      ].join('\n'),
    );
    const floating = f.filter((x) => x.kind === 'floating-promise');
    expect(floating).toHaveLength(1);
    expect(floating[0].message).toMatch(/^sendEmail#1 was started by signup#1/);
    // the call nobody awaited, and the coroutine that made it
    expect(floating[0].sites.map((s) => [s.role, s.line])).toEqual([
      ['floating', 5],
      ['creator', 4],
    ]);
    expect(floating[0].sites[0].file).toBe(file);
  });

  it('an unhandled rejection: where the promise was made (the async call) and where it was rejected', async () => {
    const { findings: f, file } = await findings(
      'reject.js',
      [
        'async function save(name) {',
        '  await new Promise((r) => setTimeout(r, 5));',
        '  throw new Error(`disk full for ${name}`);',
        '}',
        'async function main() {',
        "  await save('a');",
        '}',
        "main().catch(() => console.log('handled'));",
        "save('b');",
        '',
      ].join('\n'),
    );
    expect(f.map((x) => x.kind)).toEqual(['unhandled-rejection']);
    expect(f[0].sites.map((s) => [s.role, s.line])).toEqual([
      ['created', 9],
      ['rejection', 3],
    ]);
    expect(f[0].sites.every((s) => s.file === file)).toBe(true);
    expect(f[0].message).toContain('disk full for b');
    expect(f[0].message).toContain('Node ended the program');
    expect(f[0].message).toMatch(/the call to save#2 made at line 9/);
  });

  it('an unhandled rejection late in a long run (past the lines the tracer captures): the function that made it', async () => {
    const { findings: f } = await findings(
      'many.js',
      [
        'async function noop() {}',
        'let n = 0;',
        'function tick() {',
        '  for (let i = 0; i < 40; i++) noop();',
        '  if (++n < 80) setImmediate(tick);',
        '  else fail();',
        '}',
        'async function boom() {',
        "  throw new Error('late boom');",
        '}',
        'function fail() {',
        '  boom();',
        '}',
        'tick();',
        '',
      ].join('\n'),
    );
    expect(f.map((x) => [x.kind, x.sites.map((s) => [s.role, s.line])])).toEqual([['unhandled-rejection', [['created', 11], ['rejection', 9]]]]);
    expect(f[0].message).toContain('It is the promise of a call to boom#1 in fail (line 11');
  });

  it('an unhandled rejection of a new Promise rejected later, in a timer', async () => {
    const { findings: f } = await findings(
      'later.js',
      "const p = new Promise((_, reject) => {\n  setTimeout(() => reject(new Error('late')), 5);\n});\nsetTimeout(() => console.log('after'), 20);\n",
    );
    expect(f.map((x) => [x.kind, x.sites.map((s) => [s.role, s.line])])).toEqual([
      ['unhandled-rejection', [['created', 1], ['rejection', 2]]],
    ]);
    // the moments are steps of the run: made before it was rejected
    const [made, rejected] = f[0].sites.map((s) => s.step!);
    expect(made).toBeGreaterThanOrEqual(0);
    expect(rejected).toBeGreaterThan(made);
  });

  it("unhandled rejections a program's own listener took: reported, the program not changed", async () => {
    const { findings: f } = await findings(
      'listened.mjs',
      [
        "process.on('unhandledRejection', (r) => console.log('listener saw', r.message));",
        "for (let i = 0; i < 3; i++) Promise.reject(new Error('again'));",
        "Promise.resolve(1).then(() => { throw new Error('in then'); });",
        '',
      ].join('\n'),
    );
    expect(f.map((x) => [x.kind, x.sites.map((s) => [s.role, s.line])])).toEqual([
      ['unhandled-rejection', [['created', 2], ['rejection', 2]]],
      ['unhandled-rejection', [['created', 3], ['rejection', 3]]],
    ]);
    expect(f[0].message).toContain('This happened 3 times');
    expect(f[0].message).toContain("only the program's process-wide 'unhandledRejection' listener saw it");
    expect(f[0].message).not.toContain('Node ended the program');
  });

  it('every finding names the step of each moment it can (for a click or a quick action)', async () => {
    const runs = await Promise.all([
      findings('s1.js', "setTimeout(function crunch() {\n  const end = Date.now() + 150;\n  while (Date.now() < end) {}\n}, 1);\n"),
      findings('s2.js', 'const wait = (ms) => new Promise((r) => setTimeout(r, ms));\nasync function f() {\n  await wait(30);\n  await wait(30);\n}\nf();\n'),
    ]);
    const all = runs.flatMap((r) => r.findings);
    expect(all.map((x) => x.kind).sort()).toEqual(['blocked-loop', 'sequential-awaits']);
    for (const x of all) for (const s of x.sites) expect(s.step, `${x.kind} ${s.role}`).toBeTypeOf('number');
  });

  it('what kept the program alive at the time limit, and where it was made', async () => {
    const { findings: f, file } = await findings(
      'alive.js',
      "const net = require('node:net');\nnet.createServer().listen(0, '127.0.0.1');\nsetInterval(() => {}, 100);\n",
      700,
    );
    const open = f.find((x) => x.kind === 'open-handles')!;
    expect(open.message).toMatch(/TCPServerWrap/);
    expect(open.message).toMatch(/Timeout/);
    expect(open.sites.map((s) => s.line)).toContain(3);
    expect(open.sites.every((s) => s.file === file)).toBe(true);
  });
});
