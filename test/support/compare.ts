// One plain run and one traced run of a test program, the same way for every corpus that proves "traced behaves
// exactly as untraced" (test/fidelity/fidelity.test.ts for test/corpus, test/fidelity/adversarial.test.ts for
// test/adversarial).
import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

/** A program of a corpus folder and what its first lines say about it. */
export interface Program {
  name: string;
  entry: string;
  /** the first line of the entry (after a shebang or a byte order mark): `// rule: ...` */
  rule: string | undefined;
  expectedExit: number | null;
  expectedSignal: string | null;
  /** `// known difference (Node 20, 22): why`: on these Nodes the traced run still differs, for the reason given */
  known: { majors: number[]; reason: string } | null;
}

/**
 * The programs of a corpus folder (test/adversarial, test/loops): each file with an entry extension, or folder with a
 * main.*. Files and folders named with a leading `_` or `.` are not programs (tools, generators); neither are other
 * files.
 */
export function discoverPrograms(corpusDir: string): { programs: Program[]; problems: string[] } {
  const programs: Program[] = [];
  const problems: string[] = [];
  for (const name of readdirSync(corpusDir).sort()) {
    if (name.startsWith('_') || name.startsWith('.')) continue;
    const path = join(corpusDir, name);
    let entry: string | undefined;
    if (statSync(path).isDirectory()) {
      entry = folderEntry(path);
      if (!entry) {
        problems.push(`${name}/: a folder without main.{${ENTRY_EXTS.map((e) => e.slice(1)).join(',')}}`);
        continue;
      }
    } else if (ENTRY_EXTS.includes(extname(name))) {
      entry = path;
    } else {
      continue;
    }
    const head = readFileSync(entry, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).slice(0, 4);
    const lines = head[0]?.startsWith('#!') ? head.slice(1) : head;
    const rule = /^\/\/ rule: (.+)$/.exec(lines[0] ?? '')?.[1];
    let expectedExit: number | null = 0;
    let expectedSignal: string | null = null;
    let known: Program['known'] = null;
    for (const line of head.slice(0, 3)) {
      const k = /^\/\/ known difference \(Node ([\d, ]+)\): (.+)$/.exec(line);
      if (k) known = { majors: k[1].split(',').map((n) => Number(n.trim())), reason: k[2] };
      const exit = /^\/\/ exit: (\d+)$/.exec(line);
      if (exit) expectedExit = Number(exit[1]);
      const signal = /^\/\/ signal: (SIG[A-Z0-9]+)$/.exec(line);
      if (signal) {
        expectedSignal = signal[1];
        expectedExit = null;
      }
    }
    programs.push({ name, entry, rule, expectedExit, expectedSignal, known });
  }
  return { programs, problems };
}

/**
 * A corpus program traced behaves as untraced: the same stdout and stderr (raw, byte for byte), the same exit, and
 * Loopscope did not stop it. A known difference must still be there on the Nodes it names.
 */
export async function expectTracedAsPlain(node: string, major: number, program: Program): Promise<TracedRunResult> {
  // one after the other: both at once on a small machine adds timing noise
  const plain = await runPlain(node, program.entry);
  // the program itself behaves as its annotations say (else the case is wrong, not the tracer)
  expect({ code: plain.code, signal: plain.signal }, `untraced run: ${plain.stderr.slice(0, 2000)}`).toEqual({ code: program.expectedExit, signal: program.expectedSignal });

  const traced = await runTrace(node, program.entry);
  const differences = (['stdout', 'stderr'] as const)
    .map((stream) => {
      const d = firstDifference(plain[stream], traced[stream]);
      return d && `${stream} ${d}`;
    })
    .filter(Boolean);
  if (traced.code !== plain.code || traced.signal !== plain.signal) differences.push(`exit: untraced ${plain.code ?? plain.signal}, traced ${traced.code ?? traced.signal}`);
  if (program.known?.majors.includes(major)) {
    // a difference the README lists as not avoidable: it must still be there (once it is gone, remove the note)
    expect(differences.length, `${program.name} no longer differs on Node ${major}: remove its "known difference" line (${program.known.reason})`).toBeGreaterThan(0);
    return traced;
  }
  // what the program does is what Node did: same output on both streams, strictly, and the same exit
  expect({ stdout: traced.stdout, stderr: traced.stderr, code: traced.code, signal: traced.signal }, differences.join('; ')).toEqual({
    stdout: plain.stdout,
    stderr: plain.stderr,
    code: plain.code,
    signal: plain.signal,
  });
  // and Loopscope did not stop it (time limit, event limit, killed)
  expect(traced.trace.program.stopped, `Loopscope marked the run stopped (${traced.trace.program.stopped}); untraced it ended by ${plain.signal ?? `exit ${plain.code}`}`).toBeNull();
  return traced;
}
