// The trace format has one source of truth (src/core/trace-format.ts); the documentation must name every field of it,
// and validation must accept what the tracer writes and explain what it refuses.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateTrace, parseTrace, TraceFormatError, QUEUES } from '../../src/core/trace-format';
import { BINARY_SECTIONS, BINARY_MAGIC, BINARY_VERSION } from '../../src/core/trace-binary';

const root = resolve(__dirname, '..', '..');
const source = readFileSync(join(root, 'src', 'core', 'trace-format.ts'), 'utf8');
const doc = readFileSync(join(root, 'docs', 'trace-format.md'), 'utf8');

/** Field names of the exported interfaces that make up the file. */
function fieldsOf(name: string): string[] {
  const m = new RegExp(`export interface ${name}(?: extends \\w+)? \\{([\\s\\S]*?)\\n\\}`).exec(source);
  if (!m) throw new Error(`interface ${name} not found`);
  return [...m[1].matchAll(/^ {2}(\w+)\??:/gm)].map((f) => f[1]);
}

describe('docs/trace-format.md', () => {
  for (const name of ['Trace', 'ProgramInfo', 'Task', 'Await', 'Coroutine', 'Output', 'QueueItem', 'Step', 'Site', 'Finding', 'FindingSite', 'Thread', 'Message']) {
    it(`documents every field of ${name}`, () => {
      const fields = fieldsOf(name);
      expect(fields.length).toBeGreaterThan(0);
      // named in backticks, or in a `{a, b?, c}` field list
      const named = (f: string) => doc.includes(`\`${f}\``) || new RegExp(`[{ ]${f}\\??[,}]`).test(doc);
      expect(fields.filter((f) => !named(f))).toEqual([]);
    });
  }
  it('has a threads example that is valid JSON with the fields of Thread and Message', () => {
    const at = doc.indexOf('## Threads and messages');
    const json = /```json\n([\s\S]*?)\n```/.exec(doc.slice(at))?.[1];
    const example = JSON.parse(json ?? 'null') as { threads: object[]; messages: object[] };
    expect(Object.keys(example.threads[1]).sort()).toEqual(fieldsOf('Thread').filter((f) => f !== 'exitCode').sort());
    // (nothing is dropped in it)
    expect(Object.keys(example.messages[0]).sort()).toEqual(fieldsOf('Message').filter((f) => f !== 'dropped').sort());
  });
  it('describes the binary form: its magic, version and every section', () => {
    const at = doc.indexOf('## The binary form');
    expect(at).toBeGreaterThan(0);
    const binary = doc.slice(at);
    expect(binary).toContain([...BINARY_MAGIC].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' '));
    expect(binary).toContain(`version of the binary form: \`${BINARY_VERSION}\``);
    for (const section of BINARY_SECTIONS) expect(binary, section).toContain(`\`${section}\``);
  });
  it('names every queue', () => {
    for (const q of QUEUES) expect(doc).toContain(`\`${q}\``);
  });
});

describe('validation', () => {
  const minimal = () => ({
    format: 'loopscope-trace',
    version: 1,
    program: { entry: '/x.js', node: 'v20' },
    tasks: [{ id: 0, queue: 'main', scheduledBy: null, source: null }],
    coroutines: [],
    output: [{ stream: 'stdout', text: 'hi\n' }],
    queueItems: [],
    steps: [{ kind: 'run', task: 0, site: -1 }],
    sites: [],
    findings: [],
  });
  it('accepts a well-formed trace', () => {
    expect(validateTrace(minimal()).tasks).toHaveLength(1);
  });
  it('reads a trace written before threads were recorded as one thread without messages', () => {
    const t = validateTrace(minimal());
    expect(t.threads).toEqual([{ id: 0, kind: 'main', name: 'main', parent: null, entry: '/x.js' }]);
    expect(t.messages).toEqual([]);
  });
  it.each([
    ['tasks out of order', (t: ReturnType<typeof minimal>) => (t.tasks[0].id = 3), 'tasks[0].id is 3, expected 0'],
    ['an unknown queue', (t: ReturnType<typeof minimal>) => (t.tasks[0].queue = 'later'), 'tasks[0].queue "later" is not one of'],
    ['a step naming a missing task', (t: ReturnType<typeof minimal>) => (t.steps[0].task = 9), 'steps[0] must have a kind and a task that exists'],
    ['an output without a stream', (t: ReturnType<typeof minimal>) => ((t.output[0] as { stream: string }).stream = 'log'), 'output[0] must have stream'],
    ['a missing array', (t: ReturnType<typeof minimal>) => delete (t as Partial<typeof t>).coroutines, '"coroutines" is missing or not an array'],
    ['a bad source', (t: ReturnType<typeof minimal>) => ((t.tasks[0] as { source: unknown }).source = { file: 1 }), 'tasks[0].source must be null or {file, line, column}'],
  ])('refuses %s, saying where', (_what, spoil, message) => {
    const t = minimal();
    spoil(t);
    expect(() => validateTrace(t)).toThrow(TraceFormatError);
    expect(() => validateTrace(t)).toThrow(message);
  });
  it('explains a file that is not JSON or is empty', () => {
    expect(() => parseTrace('{"format": "loopscope-trace", "vers')).toThrow(/not valid JSON .*cut short/);
    expect(() => parseTrace('  ')).toThrow('the file is empty');
    expect(() => parseTrace('[1,2]')).toThrow('does not hold a JSON object');
  });
});
