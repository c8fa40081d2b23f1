// Start-up does no work a small program does not need: a CommonJS program that never calls import() runs without
// Node's ES module loader thread (the ES module hooks' thread, 0.1-0.3 s to start); one that does gets its ES
// modules instrumented all the same. Real runs of the built CLI against plain node.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseTrace } from '../../src/core/trace-format';

const root = resolve(__dirname, '..', '..');
const cliPath = join(root, 'dist', 'cli.cjs');
let work: string;

const run = (args: string[]) => spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8' });

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'loopscope-startup-'));
  if (!existsSync(cliPath)) throw new Error('build first: node scripts/build.mjs');
});

describe('start-up', () => {
  it.runIf(process.platform === 'linux')('a CommonJS program that never imports has the threads it has untraced (no ES module loader thread)', () => {
    const file = join(work, 'threads.js');
    writeFileSync(file, "const threads = () => /Threads:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1];\nsetTimeout(() => console.log('threads', threads()), 20);\n");
    const plain = run([file]);
    const traced = run([cliPath, 'trace', file, '-q', '--no-cache']);
    expect(plain.stdout).toMatch(/^threads \d+\n$/);
    expect(traced.stdout).toBe(plain.stdout);
    // the same program with an import() in a module it requires: the loader thread is there, traced and untraced
    writeFileSync(join(work, 'importer.js'), "exports.load = () => import('./threads-esm.mjs');\n");
    writeFileSync(join(work, 'threads-esm.mjs'), 'export const x = 1;\n');
    writeFileSync(file, `${readFileSync(file, 'utf8')}require('./importer.js').load().then(() => setTimeout(() => console.log('after import', threads()), 20));\n`);
    const plainImport = run([file]);
    const tracedImport = run([cliPath, 'trace', file, '-q', '--no-cache']);
    expect(Number(/after import (\d+)/.exec(tracedImport.stdout)?.[1])).toBe(Number(/after import (\d+)/.exec(plainImport.stdout)?.[1]) + 1);
  });

  it('a CommonJS program that imports an ES module mid-run gets that module instrumented', () => {
    writeFileSync(join(work, 'late.js'), "exports.load = async () => (await import('./late-esm.mjs')).value();\n");
    writeFileSync(join(work, 'late-esm.mjs'), "export async function value() { await null; return 'esm'; }\n");
    const file = join(work, 'mid-run.js');
    writeFileSync(file, "setTimeout(() => require('./late.js').load().then((v) => console.log(v)), 5);\n");
    const json = join(work, 'mid-run.json');
    const r = run([cliPath, 'trace', file, '-q', '--no-cache', '--json', json]);
    expect(r.stdout).toBe('esm\n');
    const trace = parseTrace(readFileSync(json, 'utf8'));
    expect(trace.coroutines.map((c) => c.name)).toEqual(['load#1', 'value#1']);
  });
});
