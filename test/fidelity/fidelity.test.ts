// The promise, proven: every corpus program prints exactly the same traced as untraced, exits the same way, and the
// trace says which queue each output line came from and where every await was, as the annotations in the program say.
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';
import { runTraced } from '../../src/runner/run-traced';
import { isTypeScript, moduleFormatOf } from '../../src/instrument/prepare';
import type { Trace } from '../../src/core/trace-format';
// @ts-expect-error plain ESM helper without types
import { testNodes } from '../../scripts/nodes.mjs';

const root = resolve(__dirname, '..', '..');
const corpusDir = join(root, 'test', 'corpus');
const ENTRY_EXTS = ['.js', '.cjs', '.mjs', '.ts', '.mts', '.cts'];

interface Program {
  name: string;
  entry: string;
  files: string[];
  expectedExit: number;
  /** file -> line -> queue */
  queues: Map<string, Map<number, string>>;
  /** "file:line" of every await that runs */
  awaits: Set<string>;
}

function discover(): Program[] {
  const programs: Program[] = [];
  for (const name of readdirSync(corpusDir).sort()) {
    if (!/^\d\d-/.test(name)) continue;
    const path = join(corpusDir, name);
    let entry: string;
    let files: string[];
    if (statSync(path).isDirectory()) {
      entry = ENTRY_EXTS.map((e) => join(path, `main${e}`)).find((f) => existsSync(f))!;
      files = listScripts(path);
    } else {
      if (!ENTRY_EXTS.includes(extname(name))) continue;
      entry = path;
      files = [path];
    }
    const queues = new Map<string, Map<number, string>>();
    const awaits = new Set<string>();
    let expectedExit = 0;
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n');
      const perLine = new Map<number, string>();
      lines.forEach((text, i) => {
        const q = /\/\/ queue: (\w+)/.exec(text);
        if (q) perLine.set(i + 1, q[1]);
        if (/\/\/ await\b/.test(text)) awaits.add(`${file}:${i + 1}`);
        const exit = /^\/\/ exit: (\d+)/.exec(text);
        if (exit && file === entry && i < 3) expectedExit = Number(exit[1]);
      });
      queues.set(file, perLine);
    }
    programs.push({ name, entry, files, expectedExit, queues, awaits });
  }
  return programs;
}

function listScripts(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listScripts(p));
    else if (ENTRY_EXTS.includes(extname(name))) out.push(p);
  }
  return out;
}

/**
 * Standard error as compared, with the README's known differences of an uncaught error evened out: its stack frames
 * are left out (one more frame of the tracer's compile hook; the plain run of TypeScript has its own loader's),
 * runs of blank lines count as one (Node prints one more around the source excerpt of source-mapped code), and an
 * ES module's file:// URL counts as its path (Node names source-mapped files by path). Everything else must match.
 */
const comparableStderr = (text: string) =>
  text
    .replace(/^ {4}at .*\n/gm, '')
    .replace(/\n{2,}/g, '\n\n')
    .replace(/file:\/\/(\/[^\s:)]+)/g, (_m, path: string) => decodeURIComponent(path));

function runPlain(node: string, program: Program): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const args: string[] = [];
  if (isTypeScript(program.entry)) {
    args.push('--require', join(root, 'test', 'support', 'plain-ts.cjs'));
    if (moduleFormatOf(program.entry) === 'module') args.push('--import', join(root, 'dist', 'tracer', 'esm-entry.mjs'));
  }
  return new Promise((res, rej) => {
    const child = spawn(node, [...args, program.entry], { cwd: join(program.entry, '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', rej);
    child.on('close', (code) => res({ stdout, stderr, code }));
  });
}

async function runTrace(node: string, program: Program): Promise<{ stdout: string; stderr: string; code: number | null; trace: Trace }> {
  let stdout = '';
  let stderr = '';
  const { trace, exitCode } = await runTraced({
    entry: program.entry,
    node,
    cwd: join(program.entry, '..'),
    stdio: 'pipe',
    timeoutMs: 20_000,
    onOutput: (stream, chunk) => {
      if (stream === 'stdout') stdout += chunk;
      else stderr += chunk;
    },
  });
  return { stdout, stderr, code: exitCode, trace };
}

const programs = discover();
const nodes = testNodes(root) as { major: number; path: string }[];

describe('the fidelity corpus', () => {
  it('has at least 30 programs', () => {
    expect(programs.length).toBeGreaterThanOrEqual(30);
  });
});

describe.each(nodes)('on Node $major', ({ path: node }) => {
  it.concurrent.each(programs.map((p) => [p.name, p] as const))('%s: traced run equals the plain run', async (_name, program) => {
    // one after the other: running both at once on a small machine adds timing noise to timer-heavy programs
    const plain = await runPlain(node, program);
    const traced = await runTrace(node, program);
    // what the user sees is what Node did
    expect(traced.stdout).toBe(plain.stdout);
    expect(comparableStderr(traced.stderr)).toBe(comparableStderr(plain.stderr));
    expect(traced.code).toBe(plain.code);
    expect(traced.code).toBe(program.expectedExit);
    const { trace } = traced;
    expect(trace.program.stopped).toBeNull();
    // the trace holds the whole output, in order
    expect(trace.output.filter((o) => o.stream === 'stdout').map((o) => o.text).join('')).toBe(plain.stdout);

    // every annotated print came from the annotated queue, and every annotated line printed
    const printed = new Set<string>();
    const wrong: string[] = [];
    for (const out of trace.output) {
      if (!out.source) continue;
      const expected = program.queues.get(out.source.file)?.get(out.source.line);
      if (!expected) continue;
      printed.add(`${out.source.file}:${out.source.line}`);
      const actual = out.task === null ? 'none' : trace.tasks[out.task].queue;
      if (actual !== expected) wrong.push(`${out.source.file.slice(root.length + 1)}:${out.source.line} printed ${JSON.stringify(out.text.trim())} from ${actual}, annotated ${expected}`);
    }
    expect(wrong).toEqual([]);
    const annotatedPrints = [...program.queues].flatMap(([file, lines]) => [...lines.keys()].map((l) => `${file}:${l}`));
    expect(annotatedPrints.filter((p) => !printed.has(p)).map((p) => p.slice(root.length + 1))).toEqual([]);

    // await sites: exactly the annotated lines, in the original files (TypeScript lines included)
    const seen = new Set(trace.coroutines.flatMap((c) => c.awaits.map((a) => `${a.source.file}:${a.source.line}`)));
    const rel = (s: Iterable<string>) => [...s].map((p) => p.slice(root.length + 1)).sort();
    expect(rel(seen)).toEqual(rel(program.awaits));
  });
});
