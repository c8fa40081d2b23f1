// Real code, traced, behaves exactly as untraced (issue 7): every program of test/adversarial, each written to break
// one rule of instrumentation or of the tracer's invisibility, prints the same stdout and the same stderr (raw, byte
// for byte: nothing is evened out), exits the same way traced as untraced, and is not stopped by Loopscope.
//
// A new case is a file dropped in test/adversarial (see its README.md). While iterating:
//   LOOPSCOPE_NODES=20 npx vitest run test/fidelity/adversarial.test.ts     one Node only (comma-separated majors)
//   npx vitest run test/fidelity/adversarial.test.ts -t asi-                 only the programs whose name has "asi-"
// dist/ must be built first (node scripts/build.mjs).
import { describe, it, expect } from 'vitest';
import { join, relative } from 'node:path';
import { discoverPrograms, expectTracedAsPlain, nodesUnderTest, root } from '../support/compare';

const corpusDir = join(root, 'test', 'adversarial');

const { programs, problems } = discoverPrograms(corpusDir);
const nodes = nodesUnderTest();

describe('the adversarial corpus', () => {
  it('has at least 120 programs, each saying on its first line which rule it checks', () => {
    expect(problems).toEqual([]);
    expect(programs.filter((p) => !p.rule).map((p) => relative(corpusDir, p.entry))).toEqual([]);
    expect(programs.length).toBeGreaterThanOrEqual(120);
  });
});

describe.each(nodes)('on Node $major', ({ path: node, major }) => {
  it.concurrent.each(programs.map((p) => [p.name, p] as const))('%s: traced run equals the plain run', async (_name, program) => {
    await expectTracedAsPlain(node, major, program);
  });
});
