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
    expect(floating[0].sites.map((s) => [s.role, s.line])).toEqual([
      ['floating', 2],
      ['creator', 4],
    ]);
    expect(floating[0].sites[0].file).toBe(file);
  });

  it('an unhandled rejection, with its line', async () => {
    const { findings: f, file } = await findings('reject.js', "async function save() {\n  throw new Error('disk full');\n}\nsave();\n");
    expect(f.map((x) => x.kind)).toEqual(['unhandled-rejection']);
    expect(f[0].sites[0]).toMatchObject({ file, line: 2 });
    expect(f[0].message).toContain('disk full');
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
