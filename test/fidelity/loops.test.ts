// Programs with several event loops (issue 10): worker pools, ping-pong, a MessageChannel between two workers, nested,
// ES module, TypeScript and code-string workers, BroadcastChannel, receiveMessageOnPort, a transferred port, a
// SharedArrayBuffer hand-off, fork with process.send, a child's exit code, spawn with piped stdout, execFile, and
// cluster. Each prints only in an order that message causality fixes (never timing between threads), and, traced,
// behaves exactly as untraced: the same stdout, stderr and exit (see test/adversarial/README.md for the annotations).
//   LOOPSCOPE_NODES=20 npx vitest run test/fidelity/loops.test.ts
// The worker programs' traces are checked too (loops-threads.ts): their loops, output tied to the loop that wrote
// it, messages joined to the tasks that sent and received them, awaits inside workers at their lines.
// dist/ must be built first (node scripts/build.mjs).
import { describe, it, expect } from 'vitest';
import { join, relative } from 'node:path';
import { discoverPrograms, expectTracedAsPlain, nodesUnderTest, root, runPlain, runTrace } from '../support/compare';
import { execFileSync } from 'node:child_process';
import { runTraced } from '../../src/runner/run-traced';
import { checkThreads, PROCESS_CHECKS, THREAD_CHECKS } from './loops-threads';

const corpusDir = join(root, 'test', 'loops');
const { programs, problems } = discoverPrograms(corpusDir);

describe('the corpus of programs with several loops', () => {
  it('has at least 15 programs, each saying on its first line what it checks', () => {
    expect(problems).toEqual([]);
    expect(programs.filter((p) => !p.rule).map((p) => relative(corpusDir, p.entry))).toEqual([]);
    expect(programs.length).toBeGreaterThanOrEqual(15);
  });
  it('has a trace check for each worker program', () => {
    expect(Object.keys({ ...THREAD_CHECKS, ...PROCESS_CHECKS }).filter((name) => !programs.some((p) => p.name === name))).toEqual([]);
  });
});

describe.each(nodesUnderTest())('on Node $major', ({ path: node, major }) => {
  it.concurrent.each(programs.map((p) => [p.name, p] as const))('%s: traced run equals the plain run', async (_name, program) => {
    checkThreads(program.name, await expectTracedAsPlain(node, major, program));
  });
  /** A program whose other loop ticks forever, traced with a short time limit: the loop is stopped with it, and what
   * it did up to then is kept (its ticks, an await at `tickLine` each, and their messages received by main). */
  async function stoppedAtLimit(folder: string, entry: string, kind: 'worker' | 'process', tickLine: number, timeoutMs: number) {
    const run = await runTrace(node, join(corpusDir, folder, 'main.js'), timeoutMs);
    expect([run.code, run.trace.program.stopped]).toEqual([124, 'timeout']);
    const loop = run.trace.threads.find((t) => t.entry?.endsWith(entry));
    expect(loop, `the ${kind} is a loop of the trace`).toMatchObject({ kind, parent: 0 });
    expect(loop!.exitCode, 'it did not end on its own').toBeUndefined();
    const ticks = run.trace.coroutines.filter((c) => c.thread === loop!.id).flatMap((c) => c.awaits).filter((a) => a.source.line === tickLine);
    const sent = run.trace.messages.filter((m) => m.from.thread === loop!.id);
    expect(ticks.length).toBeGreaterThan(3);
    expect(sent.filter((m) => m.to.task !== null).length).toBeGreaterThanOrEqual(3);
    return run;
  }
  it('a worker still running when the program stops at the time limit is stopped with it, its trace kept', async () => {
    const run = await stoppedAtLimit('_stopped-at-limit', 'ticker.js', 'worker', 5, 4000);
    expect(run.stdout).toBe('worker ticked 3 times\n');
  });
  it('a child process still running when the program stops at the time limit is stopped with it, its trace kept', async () => {
    const run = await stoppedAtLimit('_child-stopped-at-limit', 'forever.js', 'process', 3, 3000);
    expect(run.stdout).toBe('child ticked 3 times\n');
    // and it is gone (the runner returns once the program has exited; the child was stopped before that)
    const script = join(corpusDir, '_child-stopped-at-limit', 'forever.js');
    expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(script))).toEqual([]);
  });
  it('a child started by spawnSync, still running at the time limit, stops there, and so does the program waiting for it', async () => {
    const run = await runTrace(node, join(corpusDir, '_sync-child-stopped-at-limit', 'main.js'), 3000);
    expect([run.code, run.trace.program.stopped, run.stdout]).toEqual([124, 'timeout', 'child ticked 3 times\n']);
    const loop = run.trace.threads.find((t) => t.entry?.endsWith('forever.js'));
    expect(loop, 'the child is a loop of the trace').toMatchObject({ kind: 'process', parent: 0 });
    expect(loop!.exitCode, 'it did not end on its own').toBeUndefined();
    // what it did up to then is kept: its ticks (an await at forever.js line 3 each), its line on the program's stdout
    const ticks = run.trace.coroutines.filter((c) => c.thread === loop!.id).flatMap((c) => c.awaits).filter((a) => a.source.line === 3);
    expect(ticks.length).toBeGreaterThan(3);
    expect(run.trace.output.find((o) => o.text === 'child ticked 3 times\n')?.thread).toBe(loop!.id);
  });
  it('a cluster server traced under load: its workers, which leave when the primary is stopped, keep whole recordings', async () => {
    const entry = join(corpusDir, '_cluster-server', 'main.js');
    // the program's stdout is the terminal's, as from the CLI (a pipe would make the runner wait for the workers anyway)
    const { trace } = await runTraced({ entry, node, cwd: join(entry, '..'), stdio: 'inherit', timeoutMs: 20_000, requests: [{ path: '/a', repeat: 4 }] });
    expect(trace.program.requests?.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const workers = trace.threads.filter((t) => t.kind === 'process');
    expect(workers.map((w) => [w.parent, w.exitCode])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    // every request's handler awaited (main.js line 11) in one worker or the other
    const awaits = trace.coroutines.filter((c) => workers.some((w) => w.id === c.thread)).flatMap((c) => c.awaits);
    expect(awaits.filter((a) => a.source.line === 11 && a.resumeTask !== null)).toHaveLength(4);
  });
  it('the bundled CSP example: two worker threads talk only through a MessageChannel, as plain, one loop each', async () => {
    const entry = join(root, 'examples', 'csp-channel.mjs');
    const [plain, run] = await Promise.all([runPlain(node, entry), runTrace(node, entry)]);
    expect([run.stdout, run.stderr, run.code]).toEqual([plain.stdout, plain.stderr, plain.code]);
    const { trace } = run;
    expect(trace.threads.map((t) => t.kind)).toEqual(['main', 'worker', 'worker']);
    // the consumer thread prints what it received; the producer thread prints nothing
    const consumer = trace.output.find((o) => o.text.startsWith('consumer thread'))!.thread;
    const producer = trace.threads.find((t) => t.kind === 'worker' && t.id !== consumer)!.id;
    expect(trace.output.filter((o) => o.text.startsWith('consumer thread')).every((o) => o.thread === consumer)).toBe(true);
    expect(trace.output.filter((o) => o.text.startsWith('consumer coroutine') || o.text.startsWith('main:')).every((o) => (o.thread ?? 0) === 0)).toBe(true);
    // five items and "done" from the producer's loop to the consumer's, then the total to the main thread
    const port = trace.messages.filter((m) => m.channel === 'MessagePort.postMessage');
    expect(port.map((m) => [m.from.thread, m.to.thread])).toEqual(Array(6).fill([producer, consumer]));
    expect(port.every((m) => m.to.task !== null && trace.tasks[m.to.task].thread === consumer)).toBe(true);
    expect(trace.messages.filter((m) => m.channel === 'parentPort.postMessage').map((m) => [m.from.thread, m.to.thread])).toEqual([[consumer, 0]]);
  });
  it('a program that starts no other loop has exactly one thread and no messages', async () => {
    const { trace } = await runTrace(node, join(root, 'test', 'corpus', '09-async-several-awaits.js'));
    expect(trace.threads).toEqual([{ id: 0, kind: 'main', name: 'main', parent: null, entry: trace.program.entry, exitCode: 0 }]);
    expect(trace.messages).toEqual([]);
    expect(trace.tasks.every((t) => t.thread === undefined)).toBe(true);
  });
});
