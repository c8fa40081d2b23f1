// The recursion limit of traced code is that of untraced code (issue 7: "a recursion limit within 5 % of plain"),
// with race recording on and off. A real program, run plainly and traced (src/runner/run-traced.ts, dist/ built) on
// every test Node, measures how deep each shape of recursive function goes: in the same process against the same
// function compiled by `new Function` (never instrumented), and against the plain run's own depths.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTraced } from '../../src/runner/run-traced';
import { runPlain, nodesUnderTest, root } from '../support/compare';

/** Recursive shapes: one line, a method, an arrow, a closure, 0 to 3 arguments, with and without try/catch. */
const SHAPES: Record<string, string> = {
  oneLine: `function f(n) { try { return f(n + 1) } catch { return n } } return f`,
  args0: `let d = 0; function f() { d++; f() } return () => { d = 0; try { f() } catch {} return d }`,
  args1: `let d = 0; function f(n) { d = n; f(n + 1) } return () => { try { f(0) } catch {} return d }`,
  args2: `let d = 0; function f(n, a) { d = n; f(n + 1, a) } return () => { try { f(0, 1) } catch {} return d }`,
  args3: `let d = 0; function f(n, a, b) { d = n; f(n + 1, a, b) } return () => { try { f(0, 1, 2) } catch {} return d }`,
  arrow: `const f = (n) => { try { return f(n + 1) } catch { return n } }; return f`,
  method: `const o = { m(n) { try { return this.m(n + 1) } catch { return n } } }; return (n) => o.m(n)`,
  classMethod: `class C { m(n) { try { return this.m(n + 1) } catch { return n } } } const c = new C(); return (n) => c.m(n)`,
  closure: `let calls = 0; function inner(n) { calls++; try { return inner(n + 1) } catch { return n } } return inner`,
};

const program = `// each shape written out (instrumented when traced) and the same text through new Function (never instrumented)
const shapes = {
${Object.entries(SHAPES)
  .map(([name, body]) => `  ${name}: [(function () { ${body} })(), new Function(${JSON.stringify(body)})()],`)
  .join('\n')}
};
const result = {};
for (const [name, [written, baseline]] of Object.entries(shapes)) {
  // one call each: a second call could run code V8 optimized meanwhile, whose frames are of another size
  const depth = written(0);
  const base = baseline(0);
  result[name] = { depth, inProcess: depth / base };
}
console.log(JSON.stringify(result));
`;

let file: string;
beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'tracer', 'preload.cjs'))) throw new Error('build first: node scripts/build.mjs');
  file = join(mkdtempSync(join(tmpdir(), 'loopscope-depth-')), 'depth.js');
  writeFileSync(file, program);
});

type Depths = Record<string, { depth: number; inProcess: number }>;

async function traced(node: string, races: boolean): Promise<Depths> {
  let stdout = '';
  const run = await runTraced({ entry: file, node, cwd: join(file, '..'), stdio: 'pipe', races, onOutput: (s, chunk) => void (s === 'stdout' && (stdout += chunk)) });
  expect(run.exitCode).toBe(0);
  return JSON.parse(stdout) as Depths;
}

describe.each(nodesUnderTest())('on Node $major', ({ major, path: node }) => {
  it.each([true, false])('races %s: every shape recurses within 5% of plain', async (races) => {
    const plain = JSON.parse((await runPlain(node, file)).stdout) as Depths;
    const depths = await traced(node, races);
    const ratios = Object.keys(SHAPES).map((name) => ({
      name,
      inProcess: Number(depths[name].inProcess.toFixed(3)),
      vsPlain: Number((depths[name].depth / plain[name].depth).toFixed(3)),
    }));
    console.log(`Node ${major}, races ${races} (in process / against plain):`, ratios.map((r) => `${r.name} ${r.inProcess}/${r.vsPlain}`).join(', '));
    for (const r of ratios) {
      expect(r.inProcess, `${r.name}: traced depth / untraced depth in the same process`).toBeGreaterThanOrEqual(0.95);
      expect(r.vsPlain, `${r.name}: traced depth / plain run's depth`).toBeGreaterThanOrEqual(0.95);
      // and not much deeper either: the traced process has Node's own stack limit (code that V8 optimizes while it
      // recurses, which the slower traced run gives it time to do, has smaller frames: a few percent)
      expect(r.vsPlain, `${r.name}: traced depth / plain run's depth`).toBeLessThanOrEqual(1.15);
    }
  });
});
