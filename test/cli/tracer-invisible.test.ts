// Nothing of the tracer is visible to the program, every write to fd 1 and 2 is in the trace, and the Node children
// a program starts run as they do untraced (issue 7, sections 2 and 3). Each case is a real program run plainly and
// traced (src/runner/run-traced.ts, dist/ built) on every test Node: same stdout, stderr and exit, and the trace holds
// what the program wrote.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, existsSync, readFileSync, readdirSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTraced } from '../../src/runner/run-traced';
import { runPlain, runTrace, nodesUnderTest, root } from '../support/compare';

let dir: string;
beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'tracer', 'preload.cjs'))) throw new Error('build first: node scripts/build.mjs');
  dir = mkdtempSync(join(tmpdir(), 'loopscope-invisible-'));
});

function program(name: string, source: string): string {
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}

/** plain and traced: identical stdout, stderr, exit code and signal; the trace's output is what reached fd 1 and 2 */
async function same(node: string, file: string) {
  const plain = await runPlain(node, file);
  const traced = await runTrace(node, file);
  expect({ stdout: traced.stdout, stderr: traced.stderr, code: traced.code, signal: traced.signal }).toEqual(plain);
  const written = (stream: 'stdout' | 'stderr') =>
    traced.trace.output
      // (what a child wrote to a pipe to its parent is the child's output, not the program's: piped)
      .filter((o) => o.stream === stream && !o.piped)
      .map((o) => o.text)
      .join('');
  expect(written('stdout')).toBe(plain.stdout);
  expect(written('stderr')).toBe(plain.stderr);
  expect(traced.trace.program.stopped).toBeNull();
  return traced;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(nodesUnderTest())('on Node $major', ({ path: node }) => {
  it('the program sees no trace of the tracer: promises, listeners, execArgv, source maps, require.cache, globals', async () => {
    const file = program(
      'invisible.js',
      `const util = require('node:util');
const { basename } = require('node:path');
const pending = new Promise(() => {});
const chained = Promise.resolve(1).then((x) => x);
const rejected = Promise.reject(new Error('no'));
rejected.catch(() => {});
async function f() { await null; }
const running = f();
console.log(pending, util.inspect(chained), running);
console.log(util.inspect(pending, { showHidden: true }), Object.getOwnPropertySymbols(chained).length, Reflect.ownKeys(running).length);
console.log(['exit', 'SIGINT', 'SIGTERM', 'uncaughtExceptionMonitor', 'unhandledRejection', 'warning'].map((e) => process.listenerCount(e)).join(' '));
console.log(JSON.stringify(process.execArgv), String(process.sourceMapsEnabled), String(require('node:module').findSourceMap?.(__filename)));
console.log(JSON.stringify(Object.keys(require.cache).map((f) => basename(f))));
console.log(JSON.stringify(Object.getOwnPropertyNames(globalThis).filter((n) => /^_|\\$/.test(n))), Object.keys(process).includes('emit'), Object.prototype.hasOwnProperty.call(process, 'emit'));
console.log(JSON.stringify(process.stdout.eventNames()), JSON.stringify(process.stderr.eventNames()), process.stdout.write.name, require('node:fs').writeSync.name, require('node:fs').writeSync.length);
console.log(Error.prepareStackTrace.name, Error.prepareStackTrace.length, Object.keys(process.env).filter((k) => k.startsWith('LOOPSCOPE')).length);
setTimeout(async () => {
  await chained;
  console.log(chained, util.inspect(rejected).split('\\n')[0]);
}, 5);
`,
    );
    await same(node, file);
  });

  it("the program's exit listeners as its own: ten of them warn nothing, eleven warn as untraced, none removes the recording", async () => {
    const ten = program(
      'ten-exit-listeners.js',
      `for (let i = 0; i < 10; i++) process.on('exit', () => {});
process.on('warning', (w) => console.log('warning:', w.name));
console.log('exit listeners', process.listenerCount('exit'), process.listeners('exit').length);
`,
    );
    await same(node, ten);
    const removed = program(
      'removed-exit-listeners.js',
      `console.log('before');
process.removeAllListeners('exit');
process.removeAllListeners();
process.on('exit', (code) => console.log('my own exit listener', code, process.listenerCount('exit')));
setImmediate(() => console.log('after'));
`,
    );
    await same(node, removed);
  });

  it('every write to fd 1 and 2 is captured with its encoding, a UTF-8 character split over writes is one character', async () => {
    const file = program(
      'writes.js',
      `const fs = require('node:fs');
process.stdout.write('68656c6c6f0a', 'hex');
process.stdout.write('YmFzZTY0IHdvcmxkCg==', 'base64');
process.stdout.write(Buffer.from('a buffer\\n'));
process.stdout.write(new Uint8Array([0x75, 0x38, 0x0a]));
const euro = Buffer.from('€ and 😀\\n');
process.stdout.write(euro.subarray(0, 1));
process.stdout.write(euro.subarray(1, 2));
process.stdout.write(euro.subarray(2, 7));
fs.writeSync(1, euro.subarray(7, 9));
process.stdout.write(euro.subarray(9));
fs.writeSync(1, 'writeSync to fd 1\\n');
fs.writeSync(2, Buffer.from('writeSync to fd 2\\n'));
fs.writeSync(1, Buffer.from('xxpartialxx'), 2, 7);
fs.writeSync(1, '\\n');
fs.writevSync?.(1, [Buffer.from('writev '), Buffer.from('sync\\n')]) ?? fs.writeSync(1, 'writev sync\\n');
console.error('console.error %s', 'formatted');
process.stdout.write(Buffer.from([0xe2, 0x82]));
process.stdout.write('\\n');
fs.write(1, 'fs.write later\\n', () => {
  fs.write(2, Buffer.from('fs.write to 2\\n'), 0, 14, null, () => process.stdout.write('the end\\n'));
});
`,
    );
    await same(node, file);
  });

  it('output before the program kills itself with a signal is all in the trace', async () => {
    const file = program(
      'self-kill.js',
      `console.log('written before the signal');
process.stderr.write('stderr before the signal\\n');
setImmediate(() => {
  require('node:fs').writeSync(1, 'writeSync just before\\n');
  process.kill(process.pid, 'SIGTERM');
});
`,
    );
    const traced = await same(node, file);
    expect(traced.signal).toBe('SIGTERM');
  });

  it("the program's Error.prepareStackTrace runs only when untraced it would", async () => {
    const file = program(
      'prepare-calls.js',
      `let calls = 0;
Error.prepareStackTrace = (err, frames) => { calls++; return 'custom: ' + err.message; };
process.on('uncaughtException', (err) => console.log('handled', err.message, 'calls', calls));
process.on('unhandledRejection', (reason) => console.log('rejection', reason.message, 'calls', calls));
setTimeout(() => { throw new Error('thrown'); }, 1);
setTimeout(() => Promise.reject(new Error('rejected')), 5);
setTimeout(() => {
  const e = new Error('read');
  console.log('before read', calls, e.stack, 'after read', calls);
  process.on('exit', () => console.log('at exit', calls));
}, 10);
`,
    );
    await same(node, file);
  });

  it('stack frames of the user files print as untraced Node prints them (names, file:// URLs of ES modules)', async () => {
    const cjs = program(
      'frames.js',
      `const clean = (s) => s.split(__dirname).join('<dir>');
class Shape { constructor() { this.e = new Error('ctor'); } get area() { return new Error('getter'); } static make() { return new Error('static'); } }
const o = { method() { return new Error('method'); } };
const list = [1].map(() => new Error('arrow'));
for (const e of [new Shape().e, new Shape().area, Shape.make(), o.method(), list[0]]) console.log(clean(e.stack.split('\\n').slice(1, 3).join(' | ')));
async function level3() { await null; throw new Error('deep'); }
async function level2() { await level3(); }
async function level1() { await level2(); }
level1().catch((e) => console.log(clean(e.stack)));
`,
    );
    await same(node, cjs);
    const esm = program(
      'frames.mjs',
      `const here = new URL('.', import.meta.url).href;
function thrower() { return new Error('esm'); }
const k = { make() { return thrower(); } };
console.log(k.make().stack.split('\\n').slice(1, 4).join(' | ').split(here).join('<dir-url>/'));
`,
    );
    await same(node, esm);
  });

  it('Node children run as untraced: fork, spawn with process.execArgv, cluster, node --test', async () => {
    program('child.js', `if (process.send) { process.send({ argv: process.argv.slice(2), execArgv: process.execArgv }); process.disconnect(); } else console.log('child', process.argv[2], JSON.stringify(process.execArgv));\n`);
    program('one.test.js', `require('node:test')('passes', () => {});\n`);
    const file = program(
      'children.js',
      `const { fork, spawnSync } = require('node:child_process');
const cluster = require('node:cluster');
const { join } = require('node:path');
if (cluster.isWorker) { process.send('worker ' + JSON.stringify(process.execArgv)); return; }
const c = fork(join(__dirname, 'child.js'), ['forked']);
c.on('message', (m) => console.log('fork said', JSON.stringify(m)));
c.on('exit', (code) => {
  console.log('fork exit', code);
  const s = spawnSync(process.execPath, [...process.execArgv, join(__dirname, 'child.js'), 'spawned'], { encoding: 'utf8' });
  console.log('spawn', s.status, JSON.stringify(s.stdout), JSON.stringify(s.stderr));
  const t = spawnSync(process.execPath, ['--test', '--test-reporter=tap', join(__dirname, 'one.test.js')], { encoding: 'utf8' });
  console.log('node --test', t.status, /^# pass 1$/m.test(t.stdout), JSON.stringify(t.stderr));
  const w = cluster.fork();
  w.on('message', (m) => { console.log('cluster', m); w.kill(); });
  w.on('exit', () => console.log('worker gone'));
});
`,
    );
    await same(node, file);
  });

  it("a program's own background child lives on when the program ends, and when Loopscope stops it at the time limit", async () => {
    const marker = join(dir, `alive-${Date.now()}.txt`);
    const file = program(
      'background.js',
      `const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['-e', 'setTimeout(() => require("node:fs").writeFileSync(${JSON.stringify(marker)}, "alive"), 1500)'], { stdio: 'ignore' });
child.unref();
console.log('started a background child');
setInterval(() => {}, 1000); // runs until Loopscope stops it
`,
    );
    const { trace, exitCode } = await runTraced({ entry: file, node, cwd: dir, stdio: 'pipe', timeoutMs: 800 });
    expect(exitCode).toBe(124);
    expect(trace.program.stopped).toBe('timeout');
    expect(trace.output.map((o) => o.text)).toEqual(['started a background child\n']);
    for (let i = 0; i < 40 && !existsSync(marker); i++) await sleep(100);
    expect(existsSync(marker) && readFileSync(marker, 'utf8')).toBe('alive');
  });

  it('a module required after the program replaced builtins is instrumented by builtins of its own (JavaScript and TypeScript)', async () => {
    // the adversarial cases (copied: a path of their own, so the instrumenter runs rather than the cache answering)
    // and a JavaScript program requiring TypeScript (esbuild's side runs in the instrumenter's realm too)
    // (a case with a known difference is held to it by the adversarial test)
    const known = (n: string) => /known difference/.test(readFileSync(join(root, 'test', 'adversarial', n, 'main.js'), 'utf8').split('\n').slice(0, 3).join('\n'));
    const cases = readdirSync(join(root, 'test', 'adversarial')).filter((n) => /^builtins-.*-then-require$/.test(n) && !known(n));
    expect(cases.length).toBeGreaterThanOrEqual(3);
    const sub = mkdtempSync(join(dir, 'realm-'));
    for (const name of cases) cpSync(join(root, 'test', 'adversarial', name), join(sub, name), { recursive: true });
    mkdirSync(join(sub, 'typescript'));
    writeFileSync(
      join(sub, 'typescript', 'main.js'),
      `let pushes = 0
const { push, map } = Array.prototype
const { slice } = String.prototype
Array.prototype.push = function (...items) { pushes++; return Reflect.apply(push, this, items) }
Array.prototype.map = function () { throw new Error('no map') }
String.prototype.slice = function () { throw new Error('no slice') }
const { area } = require('./shapes.ts')
Object.assign(Array.prototype, { push, map })
String.prototype.slice = slice
area({ w: 3, h: 4 }).then((a) => console.log('area', a, 'pushes', pushes))
`,
    );
    writeFileSync(
      join(sub, 'typescript', 'shapes.ts'),
      `interface Rect { w: number; h: number }
export async function area({ w, h }: Rect): Promise<number> {
  await null
  return w * h
}
`,
    );
    for (const name of [...cases, 'typescript']) {
      const entry = join(sub, name, 'main.js');
      const traced = await runTrace(node, entry);
      if (name !== 'typescript') expect({ stdout: traced.stdout, stderr: traced.stderr, code: traced.code }, name).toEqual(await runPlain(node, entry).then((p) => ({ stdout: p.stdout, stderr: p.stderr, code: p.code })));
      else expect({ stdout: traced.stdout, stderr: traced.stderr, code: traced.code }).toEqual({ stdout: 'area 12 pushes 0\n', stderr: '', code: 0 });
      // every module it required is instrumented: its functions are sites of the trace
      for (const module of readdirSync(join(sub, name)).filter((f) => f !== 'main.js')) {
        expect(traced.trace.sites.filter((s) => s.file === join(sub, name, module)).map((s) => s.kind), `${name}/${module}`).toContain('function');
      }
    }
  });

  it('a cancelled trace keeps what was recorded', async () => {
    const file = program('forever.js', `console.log('running');\nsetInterval(() => console.log('tick'), 30);\n`);
    const controller = new AbortController();
    const { trace } = await runTraced({
      entry: file,
      node,
      cwd: dir,
      stdio: 'pipe',
      signal: controller.signal,
      onOutput: (_s, chunk) => {
        if (chunk.includes('tick')) controller.abort();
      },
    });
    expect(trace.program.stopped).toBe('cancelled');
    expect(trace.output[0].text).toBe('running\n');
    expect(trace.output.some((o) => o.text === 'tick\n')).toBe(true);
  });
});
