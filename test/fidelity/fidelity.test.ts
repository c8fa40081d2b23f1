// The promise, proven: every corpus program prints exactly the same traced as untraced, exits the same way, and the
// trace says which queue each output line came from and where every await was, as the annotations in the program say.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { ENTRY_EXTS, comparableStderr, folderEntry, listScripts, nodesUnderTest, root, runPlain, runTrace } from '../support/compare';

const corpusDir = join(root, 'test', 'corpus');

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
      entry = folderEntry(path)!;
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

const programs = discover();
const nodes = nodesUnderTest();

describe('the fidelity corpus', () => {
  it('has at least 30 programs', () => {
    expect(programs.length).toBeGreaterThanOrEqual(30);
  });
});

describe.each(nodes)('on Node $major', ({ path: node }) => {
  it.concurrent.each(programs.map((p) => [p.name, p] as const))('%s: traced run equals the plain run', async (_name, program) => {
    // one after the other: running both at once on a small machine adds timing noise to timer-heavy programs
    const plain = await runPlain(node, program.entry);
    const traced = await runTrace(node, program.entry);
    // what the user sees is what Node did
    expect(traced.stdout).toBe(plain.stdout);
    expect(comparableStderr(traced.stderr)).toBe(comparableStderr(plain.stderr));
    expect(traced.code).toBe(plain.code);
    expect(traced.code).toBe(program.expectedExit);
    const { trace } = traced;
    expect(trace.program.stopped).toBeNull();
    // the trace holds the whole output, in order (a child's writes to a pipe of its parent are not the program's)
    expect(trace.output.filter((o) => o.stream === 'stdout' && !o.piped).map((o) => o.text).join('')).toBe(plain.stdout);

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
