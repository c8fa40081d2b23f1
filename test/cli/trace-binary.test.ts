// The compact trace file (.lstrace): real programs traced by the real CLI, written in both forms from one run, read
// back equal; `report --json` turns the binary form into the same JSON; what the format keeps beyond its columns.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readTraceFile } from '../../src/runner/trace-file';
import { encodeTraceBytes, decodeTrace, BinaryTrace, BINARY_MAGIC } from '../../src/core/trace-binary';
import { validateTrace, type Trace } from '../../src/core/trace-format';
import { runCli, CLI } from '../support/cli';

const root = resolve(__dirname, '..', '..');
let dir: string;
const cli = (args: string[]) => runCli(args, { cwd: dir });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loopscope-binary-'));
  if (!existsSync(CLI)) throw new Error('build first: node scripts/build.mjs');
});

// ordering, awaits, top-level await, an error across awaits, an unhandled rejection (a finding), a server, TypeScript,
// a race finding, worker threads with messages and piped output, a program stopped at its limit
const programs = [
  'test/corpus/01-classic-puzzle.js',
  'test/corpus/09-async-several-awaits.js',
  'test/corpus/19-top-level-await.mjs',
  'test/corpus/20-error-across-await.js',
  'test/corpus/22-unhandled-rejection.mjs',
  'test/corpus/28-http-two-requests.mjs',
  'test/corpus/31-typescript-esm.ts',
  'test/races/r01-lost-update-counter.js',
  'test/loops/ping-pong/main.mjs',
  'test/loops/worker-stdout-callback/main.js',
  'test/loops/_stopped-at-limit/main.js',
];

describe('trace --out, then read back', () => {
  it.each(programs)('%s: the binary form reads back as the JSON written by the same run; report converts each into the other exactly', async (program) => {
    const name = program.replace(/\W+/g, '-');
    const json = join(dir, `${name}.json`);
    const bin = join(dir, `${name}.lstrace`);
    const traced = await cli(['trace', join(root, program), '-q', '--json', json, '--out', bin, '--timeout', '3000']);
    expect(existsSync(bin), traced.stderr).toBe(true);
    const fromJson = JSON.parse(readFileSync(json, 'utf8')) as Trace;
    expect(readFileSync(bin).subarray(0, 8)).toEqual(Buffer.from(BINARY_MAGIC));
    // deep equality after a JSON round trip: what the binary form holds is what the JSON form holds
    expect(JSON.parse(JSON.stringify(readTraceFile(bin)))).toStrictEqual(fromJson);
    const converted = join(dir, `${name}.from-binary.json`);
    const r = await cli(['report', bin, '--json', converted, '-q']);
    expect(r.code, r.stderr).toBe(0);
    // byte for byte: the binary form keeps the model's key order too (a field the format has no column for would
    // come back last, and fail here: give it a column in src/core/trace-binary.ts)
    expect(readFileSync(converted, 'utf8')).toBe(readFileSync(json, 'utf8'));
    // and the other way: the JSON converted by report --out is the binary file trace --out wrote
    const back = join(dir, `${name}.from-json.lstrace`);
    expect((await cli(['report', json, '--out', back, '-q'])).code).toBe(0);
    expect(readFileSync(back).equals(readFileSync(bin))).toBe(true);
    // the binary form is smaller than JSON on every program
    expect(statSync(bin).size).toBeLessThan(statSync(json).size);
  }, 60_000);

  it('with no output asked for, trace writes <program>.lstrace in the current directory; --no-out writes none', async () => {
    const program = join(root, 'test/corpus/05-timer-delays.js');
    const r = await cli(['trace', program]);
    expect(r.code).toBe(0);
    const written = join(dir, '05-timer-delays.lstrace');
    expect(r.stderr).toContain(`trace:   ${written}`);
    const report = await cli(['report', '05-timer-delays.lstrace']);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('05-timer-delays.js');
    const other = await cli(['trace', join(root, 'test/corpus/07-immediate-nesting.cjs'), '--no-out']);
    expect(other.code).toBe(0);
    expect(existsSync(join(dir, '07-immediate-nesting.lstrace'))).toBe(false);
    expect(other.stderr).not.toContain('trace:');
  }, 60_000);
});

describe('the binary form keeps what its columns do not describe', () => {
  const base = (): Trace =>
    validateTrace({
      format: 'loopscope-trace',
      version: 1,
      program: { entry: '/x.js', node: 'v20', argv: [], cwd: '/', exitCode: 0, signal: null, stopped: null, durationMs: 1, events: 3 },
      tasks: [
        { id: 0, queue: 'main', label: 'main script', source: null, scheduledBy: null, enqueuedAt: null, startStep: 0, endStep: 1, startTime: 0.5, duration: 1e12, resourceType: 'main' },
        { id: 1, queue: 'timer', label: 'setTimeout 1 ms', source: { file: '/x.js', line: 1, column: 1 }, scheduledBy: 0, enqueuedAt: 0, startStep: 2, endStep: 2, startTime: -3, duration: 0, resourceType: 'Timeout', internal: true, thread: 0 },
      ],
      coroutines: [],
      output: [{ stream: 'stdout', text: 'héllo 😀 \u0000\n', task: 0, step: 1, source: null }],
      queueItems: [],
      steps: [
        { kind: 'run', task: 0, site: -1, coroutine: -1, text: 'run the main script', depth: 0 },
        { kind: 'output', task: 0, site: 0, coroutine: -1, text: 'print', depth: 70000 },
        { kind: 'run', task: 1, site: -1, coroutine: -1, text: 'run', depth: 0, queue: 'timer' },
      ],
      sites: [{ file: '/x.js', line: 1, column: 1, kind: 'function', name: 'f', async: true } as Trace['sites'][number]],
      findings: [
        { kind: 'blocked-loop', message: 'm', sites: [{ file: '/x.js', line: 1, column: 1, role: 'blocking-task', step: 0 }], steps: { read: 0, suspend: null, otherWrite: 1, staleWrite: null } },
      ],
      threads: [{ id: 0, kind: 'main', name: 'main', parent: null, entry: '/x.js' }],
      messages: [{ id: 0, channel: 'worker.postMessage', from: { thread: 0, task: 0, step: 0 }, to: { thread: 1, task: null, step: null } }],
    });
  const roundTrip = (t: Trace) => decodeTrace(encodeTraceBytes(t));

  it('numbers of every range, text in any script, fields outside the format, values of another shape', () => {
    const t = base();
    expect(roundTrip(t)).toStrictEqual(t);
    // what the columns cannot hold goes whole into the row's extra JSON: a flag that is false, a source with more
    // fields, an object-valued field of another shape; a string with a lone surrogate (no UTF-8 form) is escaped
    const odd = base() as unknown as { tasks: Record<string, unknown>[]; output: Record<string, unknown>[]; messages: Record<string, unknown>[] };
    odd.tasks[0].internal = false;
    odd.tasks[1].source = { file: '/x.js', line: 1, column: 1, generated: true };
    odd.output[0].text = 'half a pair \ud83d, é';
    odd.tasks[1].label = '\udc00 alone';
    odd.messages[0].to = { thread: 1, task: null, step: null, note: 'x' };
    expect(roundTrip(odd as unknown as Trace)).toStrictEqual(odd);
  });

  it('stores file paths and other repeated strings once', () => {
    const t = base();
    const path = `/${'deep/'.repeat(40)}x.js`;
    t.tasks = Array.from({ length: 2000 }, (_, i) => ({ ...t.tasks[1], id: i, source: { file: path, line: 1 + (i % 7), column: 1 } }));
    t.tasks[0] = { ...t.tasks[0], queue: 'main', scheduledBy: null };
    const bytes = encodeTraceBytes(t);
    expect(Buffer.from(bytes).toString('latin1').split(path).length - 1).toBe(1);
    expect(bytes.length).toBeLessThan(2000 * 16);
    expect(roundTrip(t)).toStrictEqual(t);
  });

  it('a big table whose columns have missing values (the writer buffer grows as a bitmap is written)', () => {
    // every other task with a source and a scheduler; at 10,273 of them the buffer grows as a bitmap is written (the
    // writer once wrote that bitmap into the old buffer: found by a 1M-event trace); a range of sizes around it
    for (const n of [1_000, 10_273, 10_300, 40_000]) {
      const t = base();
      t.tasks = Array.from({ length: n }, (_, i) => ({ ...t.tasks[1], id: i, source: i % 2 ? null : { file: '/x.js', line: 1 + (i % 9), column: 1 }, scheduledBy: i % 2 ? null : 0, enqueuedAt: i % 2 ? null : 0 }));
      t.tasks[0] = { ...t.tasks[0], queue: 'main', scheduledBy: null };
      expect(roundTrip(t)).toStrictEqual(t);
    }
  });

  it('a string table that is not UTF-8 is refused, naming the string', () => {
    const t = base();
    t.output[0].text = 'only here: \u00e9\u00e9\u00e9';
    const bytes = encodeTraceBytes(t);
    const at = Buffer.from(bytes).indexOf(Buffer.from('\u00e9\u00e9\u00e9', 'utf8'));
    expect(at).toBeGreaterThan(0);
    bytes[at] = 0xff;
    expect(() => decodeTrace(bytes)).toThrow(/string \d+ is not valid UTF-8/);
  });

  it('columns are read without building the rows', () => {
    const b = new BinaryTrace(encodeTraceBytes(base()));
    const steps = b.table('steps');
    expect(steps.length).toBe(3);
    expect([...steps.column('depth').values!]).toEqual([0, 70000, 0]);
    expect(b.string(steps.column('text').get(1)!)).toBe('print');
    expect(steps.column('queue').has(0)).toBe(false);
    expect(b.string(steps.column('queue').get(2)!)).toBe('timer');
  });

  it('reads bytes that do not start on an 8-byte boundary', () => {
    const bytes = encodeTraceBytes(base());
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(decodeTrace(shifted.subarray(3))).toStrictEqual(base());
  });
});
