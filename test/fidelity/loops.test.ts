// Programs with several event loops (issue 10): worker pools, ping-pong, a MessageChannel between two workers, nested,
// ES module, TypeScript and code-string workers, BroadcastChannel, receiveMessageOnPort, a transferred port, a
// SharedArrayBuffer hand-off, fork with process.send, a child's exit code, spawn with piped stdout, execFile, and
// cluster. Each prints only in an order that message causality fixes (never timing between threads), and, traced,
// behaves exactly as untraced: the same stdout, stderr and exit (see test/adversarial/README.md for the annotations).
//   LOOPSCOPE_NODES=20 npx vitest run test/fidelity/loops.test.ts
// dist/ must be built first (node scripts/build.mjs).
import { describe, it, expect } from 'vitest';
import { join, relative } from 'node:path';
import { discoverPrograms, expectTracedAsPlain, nodesUnderTest, root } from '../support/compare';

const corpusDir = join(root, 'test', 'loops');
const { programs, problems } = discoverPrograms(corpusDir);

describe('the corpus of programs with several loops', () => {
  it('has at least 15 programs, each saying on its first line what it checks', () => {
    expect(problems).toEqual([]);
    expect(programs.filter((p) => !p.rule).map((p) => relative(corpusDir, p.entry))).toEqual([]);
    expect(programs.length).toBeGreaterThanOrEqual(15);
  });
});

describe.each(nodesUnderTest())('on Node $major', ({ path: node, major }) => {
  it.concurrent.each(programs.map((p) => [p.name, p] as const))('%s: traced run equals the plain run', async (_name, program) => {
    await expectTracedAsPlain(node, major, program);
  });
});
