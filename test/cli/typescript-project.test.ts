// TypeScript as the user's project builds it, traced: each fixture is compiled by the real tsc with its own
// tsconfig.json and run with plain node, and the traced run of the sources prints exactly the same, on every Node.
// The fixtures: tsconfig.json extending a JSONC base (legacy decorators, useDefineForClassFields: false, jsx with a
// program's own h), a .tsx entry, a .cts importing './shape.js' where only shape.ts exists, a plain .jsx entry, and
// an ES module .tsx entry (package "type": "module", top-level await) importing './card.js' where only card.tsx exists.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTraced, TraceInputError } from '../../src/runner/run-traced';
// @ts-expect-error plain ESM helper without types
import { testNodes } from '../../scripts/nodes.mjs';

const root = resolve(__dirname, '..', '..');
const fixtures = join(__dirname, 'fixtures');
const nodes = testNodes(root) as { major: number; path: string }[];

/** fixture folder, entry, and the file tsc writes for it */
const programs = [
  { project: 'ts-project', entry: 'main.tsx', built: 'main.js' },
  { project: 'ts-project', entry: 'legacy.cts', built: 'legacy.cjs' },
  { project: 'ts-project', entry: 'view.jsx', built: 'view.js' },
  { project: 'tsx-esm', entry: 'main.tsx', built: 'main.js' },
];

const builtDirs = new Map<string, string>();

beforeAll(() => {
  for (const project of new Set(programs.map((p) => p.project))) {
    const out = mkdtempSync(join(tmpdir(), `loopscope-tsc-${project}-`));
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(fixtures, project, 'tsconfig.json'), '--outDir', out], { encoding: 'utf8' });
    if (tsc.status !== 0) throw new Error(`tsc failed for ${project}:\n${tsc.stdout}${tsc.stderr}`);
    // tsc leaves package.json behind; Node reads its "type" to run the output
    if (existsSync(join(fixtures, project, 'package.json'))) copyFileSync(join(fixtures, project, 'package.json'), join(out, 'package.json'));
    builtDirs.set(project, out);
  }
}, 120_000);

function plain(node: string, file: string) {
  const r = spawnSync(node, [file], { encoding: 'utf8', cwd: resolve(file, '..') });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

async function traced(node: string, entry: string) {
  let stdout = '';
  let stderr = '';
  const run = await runTraced({
    entry,
    node,
    cwd: resolve(entry, '..'),
    stdio: 'pipe',
    onOutput: (stream, chunk) => (stream === 'stdout' ? (stdout += chunk) : (stderr += chunk)),
  });
  return { stdout, stderr, code: run.exitCode, trace: run.trace };
}

const cases = nodes.flatMap((n) => programs.map((p) => ({ ...p, major: n.major, node: n.path, name: `${p.project}/${p.entry}` })));

describe('a TypeScript project, traced, prints what its tsc build prints', () => {
  it.each(cases)('$name on Node $major', async ({ project, entry, built, node }) => {
    const expected = plain(node, join(builtDirs.get(project)!, built));
    expect(expected.code).toBe(0);
    expect(expected.stderr).toBe('');
    expect(expected.stdout.split('\n').length).toBeGreaterThan(2);
    const got = await traced(node, join(fixtures, project, entry));
    expect(got.stdout).toBe(expected.stdout);
    expect(got.stderr).toBe(expected.stderr);
    expect(got.code).toBe(expected.code);
  });

  it('the trace points into the sources: coroutines and awaits of the .tsx, .ts and .jsx files, by their own lines', async () => {
    const node = nodes[0].path;
    const main = await traced(node, join(fixtures, 'ts-project', 'main.tsx'));
    const shape = join(fixtures, 'ts-project', 'shape.ts');
    const mainFile = join(fixtures, 'ts-project', 'main.tsx');
    // main() awaits Promise.all on line 10 and null on line 23; area() (line 50) awaits on line 51 of shape.ts, inside
    // the legacy method decorator's wrapper (line 14), which awaits it on line 16
    const mainCo = main.trace.coroutines.find((c) => c.name.startsWith('main') && c.source.file === mainFile)!;
    expect(mainCo.source.line).toBe(5);
    expect(mainCo.awaits.map((a) => a.source.line)).toEqual([10, 23]);
    const coroutinesAt = (line: number) => main.trace.coroutines.filter((c) => c.source.file === shape && c.source.line === line);
    expect(coroutinesAt(50).map((c) => c.awaits.map((a) => a.source.line))).toEqual([[51], [51]]);
    expect(coroutinesAt(14).map((c) => c.awaits.map((a) => a.source.line))).toEqual([[16], [16]]);
    // the output line printed by the rendered JSX is tied to its line in main.tsx
    expect(main.trace.output.find((o) => o.text.startsWith('<p class="area">'))?.source).toMatchObject({ file: mainFile, line: 21 });

    const view = await traced(node, join(fixtures, 'ts-project', 'view.jsx'));
    const viewFile = join(fixtures, 'ts-project', 'view.jsx');
    const greets = view.trace.coroutines.filter((c) => c.source.file === viewFile && c.name.startsWith('greet'));
    expect(greets.map((c) => [c.source.line, c.awaits.map((a) => a.source.line)])).toEqual([
      [14, [15]],
      [14, [15]],
    ]);
    expect(view.trace.output.map((o) => [o.text, o.source?.line])).toEqual([
      ['<p>sync first</p>\n', 20],
      ['<b>ada</b><b>grace</b>\n', 19],
    ]);
  });

  it('a tsconfig.json that cannot be read stops the trace with its own file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loopscope-bad-tsconfig-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'tsconfig.json'), '{\n  "extends": "@missing/base",\n  "compilerOptions": {}\n}\n');
    writeFileSync(join(dir, 'src', 'a.ts'), 'console.log(1);\n');
    const err = await runTraced({ entry: join(dir, 'src', 'a.ts'), stdio: 'pipe' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TraceInputError);
    expect((err as TraceInputError).location).toEqual({ file: join(dir, 'tsconfig.json'), line: 2, column: 14 });
    expect((err as Error).message).toContain('extends "@missing/base", which was not found');
    expect((err as Error).message).toContain('>    2 |   "extends": "@missing/base",');
  });
});
