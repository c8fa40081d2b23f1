// Real code that nobody here wrote, traced as the user's own code: published npm packages (dev dependencies) are
// copied out of node_modules into test/packages/.work/vendor/, where Loopscope instruments them, and a driver per
// package runs the package's own examples or test files, or its readme's examples. Traced, each prints exactly what
// it prints untraced, exits the same way, and the trace shows the package's own functions running.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { join, sep } from 'node:path';
import { runTraced } from '../../src/runner/run-traced';
import type { Trace } from '../../src/core/trace-format';
// @ts-expect-error plain ESM helper without types
import { testNodes } from '../../scripts/nodes.mjs';
// @ts-expect-error plain ESM helper without types
import { vendor as vendorPackage, vendorDir, root } from './vendor.mjs';
// @ts-expect-error plain ESM table without types
import { cases as allCases } from './cases.mjs';

interface Case {
  name: string;
  /** file in test/packages/programs */
  driver: string;
  /** packages copied from node_modules to .work/vendor */
  vendor: string[];
  /** the driver loads node:test files: print through programs/reporter.mjs */
  nodeTest?: boolean;
}

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

const cases = allCases as Case[];
const nodes = testNodes(root) as { major: number; path: string }[];
const programsDir = join(root, 'test', 'packages', 'programs');
const vendored = (vendorDir as string) + sep;
/** the package test runners take ten seconds or more untraced (their own tests sleep) */
const timeLimitMs = (c: Case) => (c.nodeTest ? 120_000 : 30_000);

function envFor(c: Case): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (c.nodeTest) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --test-reporter=${join(programsDir, 'reporter.mjs')}`.trim();
  return env;
}

/**
 * Standard error as compared, with the README's known differences of an uncaught error evened out (as in
 * test/fidelity): stack frames left out, runs of blank lines as one, an ES module's file:// URL as its path.
 */
const comparableStderr = (text: string) =>
  text
    .replace(/^ {4}at .*\n/gm, '')
    .replace(/\n{2,}/g, '\n\n')
    .replace(/file:\/\/(\/[^\s:)]+)/g, (_m, path: string) => decodeURIComponent(path));

function runPlain(node: string, c: Case): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [join(programsDir, c.driver)], { cwd: programsDir, env: envFor(c), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeLimitMs(c));
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
  });
}

async function runTrace(node: string, c: Case): Promise<Run & { trace: Trace }> {
  let stdout = '';
  let stderr = '';
  const { trace, exitCode } = await runTraced({
    entry: join(programsDir, c.driver),
    node,
    cwd: programsDir,
    env: envFor(c),
    stdio: 'pipe',
    timeoutMs: timeLimitMs(c),
    onOutput: (stream, chunk) => {
      if (stream === 'stdout') stdout += chunk;
      else stderr += chunk;
    },
  });
  return { stdout, stderr, code: exitCode, trace };
}

/** The first line where two outputs part, to say in one line what went wrong. */
function firstDifference(plain: string, traced: string): string {
  const a = plain.split('\n');
  const b = traced.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: plain ${JSON.stringify(a[i] ?? '<end>')}, traced ${JSON.stringify(b[i] ?? '<end>')}`;
  }
  return 'none';
}

describe('the package drivers', () => {
  it('cover at least 6 packages', () => {
    expect(new Set(cases.flatMap((c) => c.vendor)).size).toBeGreaterThanOrEqual(6);
  });
});

beforeAll(() => {
  for (const name of new Set(cases.flatMap((c) => c.vendor))) vendorPackage(name);
});

describe.each(nodes)('on Node $major', ({ path: node }) => {
  it.concurrent.each(cases.map((c) => [c.name, c] as const))(
    '%s: traced run equals the plain run',
    async (_name, c) => {
      // one after the other: both at once on a small machine adds timing noise
      const plain = await runPlain(node, c);
      expect(plain.code, `the plain run failed:\n${plain.stderr}`).toBe(0);
      const traced = await runTrace(node, c);
      // what the user sees is what Node did
      const stdoutDiff = firstDifference(plain.stdout, traced.stdout);
      expect(stdoutDiff === 'none', `stdout differs at ${stdoutDiff}; traced stderr:\n${traced.stderr.slice(0, 2000)}`).toBe(true);
      const stderrDiff = firstDifference(comparableStderr(plain.stderr), comparableStderr(traced.stderr));
      expect(stderrDiff === 'none', `stderr differs at ${stderrDiff}`).toBe(true);
      expect(traced.code, 'exit code').toBe(plain.code);
      const { trace } = traced;
      expect(trace.program.stopped).toBeNull();

      // the package's files were instrumented as user code, and its functions ran under the tracer
      for (const name of c.vendor) {
        const dir = join(vendored, name) + sep;
        const inPackage = (file: string | undefined) => !!file?.startsWith(dir);
        expect(trace.sites.some((s) => inPackage(s.file)), `${name}: no instrumented site in ${dir}`).toBe(true);
        const ran =
          trace.steps.some((s) => s.site >= 0 && inPackage(trace.sites[s.site].file)) || trace.coroutines.some((co) => inPackage(co.source.file));
        expect(ran, `${name}: no recorded step in its files`).toBe(true);
      }
    },
    300_000,
  );
});
