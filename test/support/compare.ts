// One plain run and one traced run of a test program, the same way for every corpus that proves "traced behaves
// exactly as untraced" (test/fidelity/fidelity.test.ts for test/corpus, test/fidelity/adversarial.test.ts for
// test/adversarial).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { runTraced } from '../../src/runner/run-traced';
import { isTypeScript, moduleFormatOf } from '../../src/instrument/prepare';
import type { Trace } from '../../src/core/trace-format';
// @ts-expect-error plain ESM helper without types
import { testNodes } from '../../scripts/nodes.mjs';

export const root = resolve(__dirname, '..', '..');

export const ENTRY_EXTS = ['.js', '.cjs', '.mjs', '.ts', '.mts', '.cts'];

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: string | null;
}

export interface TracedRunResult extends RunResult {
  trace: Trace;
}

/**
 * The Nodes to test on: those of scripts/nodes.mjs (20, 22 and 24 once installed), or only the majors named in
 * LOOPSCOPE_NODES (comma-separated, e.g. `LOOPSCOPE_NODES=20` or `LOOPSCOPE_NODES=22,24`) to iterate quickly.
 */
export function nodesUnderTest(): { major: number; path: string }[] {
  const all = testNodes(root) as { major: number; path: string }[];
  const wanted = process.env.LOOPSCOPE_NODES?.split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
  if (!wanted?.length) return all;
  const chosen = all.filter((n) => wanted.includes(n.major));
  if (chosen.length === 0) throw new Error(`LOOPSCOPE_NODES=${process.env.LOOPSCOPE_NODES}: none of these Nodes is installed (have ${all.map((n) => n.major).join(', ')})`);
  return chosen;
}

/** The entry of a program that is a folder: its main.{js,cjs,mjs,ts,mts,cts}. */
export const folderEntry = (dir: string): string | undefined => ENTRY_EXTS.map((e) => join(dir, `main${e}`)).find((f) => existsSync(f));

/** Every script file under a folder, recursively (a multi-file program's modules). */
export function listScripts(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listScripts(p));
    else if (ENTRY_EXTS.includes(extname(name))) out.push(p);
  }
  return out;
}

/**
 * The untraced baseline: the program on the given Node, in its own directory, stdout and stderr piped. TypeScript
 * goes through test/support/plain-ts.cjs (esbuild without instrumentation, the nearest tsconfig.json honoured); an
 * ES module entry in TypeScript also imports the tracer's (empty) ESM entry, as the traced run does.
 */
export function runPlain(node: string, entry: string): Promise<RunResult> {
  const args: string[] = [];
  if (isTypeScript(entry)) {
    args.push('--require', join(root, 'test', 'support', 'plain-ts.cjs'));
    if (moduleFormatOf(entry) === 'module') args.push('--import', join(root, 'dist', 'tracer', 'esm-entry.mjs'));
  }
  return new Promise((res, rej) => {
    const child = spawn(node, [...args, entry], { cwd: join(entry, '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', rej);
    child.on('close', (code, signal) => res({ stdout, stderr, code, signal }));
  });
}

/** The same program traced by Loopscope (dist/ must be built), output collected as the runner hands it over. */
export async function runTrace(node: string, entry: string, timeoutMs = 20_000): Promise<TracedRunResult> {
  let stdout = '';
  let stderr = '';
  const { trace, exitCode, signal } = await runTraced({
    entry,
    node,
    cwd: join(entry, '..'),
    stdio: 'pipe',
    timeoutMs,
    onOutput: (stream, chunk) => {
      if (stream === 'stdout') stdout += chunk;
      else stderr += chunk;
    },
  });
  return { stdout, stderr, code: exitCode, signal: signal ?? null, trace };
}

/**
 * Standard error as the fidelity corpus compares it, with the README's known differences of an uncaught error evened
 * out: its stack frames are left out (one more frame of the tracer's compile hook; the plain run of TypeScript has
 * its own loader's), runs of blank lines count as one (Node prints one more around the source excerpt of
 * source-mapped code), and an ES module's file:// URL counts as its path (Node names source-mapped files by path).
 * Everything else must match. The adversarial corpus compares standard error raw instead.
 */
export const comparableStderr = (text: string) =>
  text
    .replace(/^ {4}at .*\n/gm, '')
    .replace(/\n{2,}/g, '\n\n')
    .replace(/file:\/\/(\/[^\s:)]+)/g, (_m, path: string) => decodeURIComponent(path));

/** The first line where two outputs differ, both versions quoted, or null when they are equal. */
export function firstDifference(expected: string, actual: string): string | null {
  if (expected === actual) return null;
  const e = expected.split('\n');
  const a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) {
      const show = (s: string | undefined) => (s === undefined ? '(no line)' : JSON.stringify(s.length > 300 ? s.slice(0, 300) + '…' : s));
      return `line ${i + 1}: untraced ${show(e[i])}, traced ${show(a[i])}`;
    }
  }
  return 'differ';
}
