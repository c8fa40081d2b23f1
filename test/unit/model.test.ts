// The model's claims, each checked on a real traced run: when jobs enter their queues, who scheduled what,
// coroutines and their awaits, queue contents and the call stack at a step.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTraced } from '../../src/runner/run-traced';
import { stateAt, callStackAt } from '../../src/core/timeline';
import type { Trace } from '../../src/core/trace-format';

const dir = mkdtempSync(join(tmpdir(), 'loopscope-model-'));

async function trace(name: string, source: string): Promise<{ trace: Trace; file: string; out: string }> {
  const file = join(dir, name);
  writeFileSync(file, source);
  let out = '';
  const r = await runTraced({ entry: file, cwd: dir, stdio: 'pipe', onOutput: (s, c) => s === 'stdout' && (out += c) });
  return { trace: r.trace, file, out };
}

const outputStep = (t: Trace, text: string) => t.output.find((o) => o.text === `${text}\n`)!.step;
const taskOf = (t: Trace, text: string) => t.tasks[t.output.find((o) => o.text === `${text}\n`)!.task!];

describe('when a microtask enters its queue', () => {
  it('a reaction on a pending promise is queued when the promise settles, not when then() is called', async () => {
    const { trace: t } = await trace(
      'settle.js',
      [
        'let resolve;',
        'const p = new Promise((r) => (resolve = r));',
        "p.then(() => console.log('reaction'));",
        "setTimeout(() => { console.log('settling'); resolve(); console.log('settled'); }, 5);",
        '',
      ].join('\n'),
    );
    const reaction = taskOf(t, 'reaction');
    expect(reaction.queue).toBe('microtask');
    const item = t.queueItems.find((q) => q.task === reaction.id)!;
    // it entered the queue inside the timer callback, between the two prints, not during the main script
    expect(item.enterStep).toBeGreaterThan(outputStep(t, 'settling'));
    expect(item.enterStep).toBeLessThan(outputStep(t, 'settled'));
    expect(t.steps[item.enterStep].kind).toBe('settle');
    expect(item.inferred).toBeUndefined();
    expect(reaction.scheduledBy).toBe(0);
  });

  it('a reaction on a settled promise is queued at once', async () => {
    const { trace: t, file } = await trace('settled.js', "console.log('a');\nPromise.resolve().then(() => console.log('b'));\nconsole.log('c');\n");
    const item = t.queueItems.find((q) => q.task === taskOf(t, 'b').id)!;
    expect(item.enterStep).toBeGreaterThan(outputStep(t, 'a'));
    expect(item.enterStep).toBeLessThan(outputStep(t, 'c'));
    expect(item.source).toEqual({ file, line: 2, column: 19 });
  });

  it('resolving with a thenable: the job that calls then() is marked inferred', async () => {
    const { trace: t } = await trace('thenable.js', "new Promise((r) => r({ then(f) { console.log('then called'); f(1); } })).then((v) => console.log('got', v));\n");
    const job = taskOf(t, 'then called');
    expect(job.queue).toBe('microtask');
    expect(job.enqueueInferred).toBe(true);
    expect(taskOf(t, 'got 1').enqueueInferred).toBeUndefined();
  });

  it('the microtask queue at a step holds exactly the queued jobs, in FIFO order', async () => {
    const { trace: t } = await trace(
      'fifo.js',
      "Promise.resolve().then(() => console.log('p1'));\nqueueMicrotask(() => console.log('q1'));\nPromise.resolve().then(() => console.log('p2'));\nconsole.log('end of main');\n",
    );
    const s = stateAt(t, outputStep(t, 'end of main'));
    expect(s.queues.microtask.map((i) => i.source?.line)).toEqual([1, 2, 3]);
    expect(s.stack.map((f) => f.name)).toEqual(['module fifo.js']);
    const afterP1 = stateAt(t, outputStep(t, 'p1'));
    expect(afterP1.queues.microtask.map((i) => i.source?.line)).toEqual([2, 3]);
  });
});

describe('timers, immediates, cancellations and causes', () => {
  it('timers carry their due time and who scheduled them', async () => {
    const { trace: t } = await trace(
      'timers.js',
      "setTimeout(() => {\n  console.log('outer');\n  setTimeout(() => console.log('inner'), 20);\n}, 30);\n",
    );
    const outer = taskOf(t, 'outer');
    const inner = taskOf(t, 'inner');
    expect(inner.scheduledBy).toBe(outer.id);
    expect(outer.scheduledBy).toBe(0);
    expect(inner.source?.line).toBe(3);
    const item = t.queueItems.find((q) => q.task === outer.id)!;
    expect(item.due).toBeGreaterThan(29_000);
    expect(inner.startTime - outer.startTime).toBeGreaterThanOrEqual(19_000);
    expect(outer.label).toBe('setTimeout 30 ms → setTimeout callback');
  });

  it('a cleared timer leaves the timers queue at the clearTimeout step', async () => {
    const { trace: t } = await trace('clear.js', "const t = setTimeout(() => console.log('never'), 50);\nsetTimeout(() => clearTimeout(t), 5);\n");
    const cleared = t.queueItems.find((q) => q.source?.line === 1)!;
    expect(cleared.task).toBeNull();
    expect(t.steps[cleared.leaveStep!].kind).toBe('cancel');
    expect(stateAt(t, cleared.leaveStep!).queues.timer).toHaveLength(0);
    expect(stateAt(t, cleared.leaveStep! - 1).queues.timer).toHaveLength(1);
  });

  it('an interval enters the timers queue again after every run', async () => {
    const { trace: t } = await trace('interval.js', "let n = 0;\nconst i = setInterval(() => { console.log('tick', ++n); if (n === 3) clearInterval(i); }, 5);\n");
    const runs = t.tasks.filter((x) => x.queue === 'timer');
    expect(runs).toHaveLength(3);
    const items = t.queueItems.filter((q) => q.queue === 'timer');
    expect(items.map((q) => q.task)).toEqual(runs.map((r) => r.id));
    expect(items[1].enterStep).toBeGreaterThanOrEqual(runs[0].startStep);
  });

  it('I/O callbacks are io tasks; close callbacks after handle.close() are close tasks', async () => {
    const { trace: t } = await trace(
      'io.js',
      [
        "const net = require('node:net');",
        "const server = net.createServer((s) => { s.end('hi'); });",
        "server.listen(0, '127.0.0.1', () => {",
        "  console.log('listening');",
        '  const c = net.connect(server.address().port, \'127.0.0.1\');',
        "  c.on('data', (d) => console.log('data', String(d)));",
        "  c.on('end', () => { c.destroy(); server.close(() => console.log('server closed')); });",
        '});',
        '',
      ].join('\n'),
    );
    expect(taskOf(t, 'data hi').queue).toBe('io');
    expect(t.tasks.some((x) => x.queue === 'close')).toBe(true);
  });
});

describe('coroutines and awaits', () => {
  it('each call of an async function is a coroutine; each await suspends in one task and resumes in another', async () => {
    const { trace: t, file } = await trace(
      'coroutines.js',
      [
        'async function worker(name) {',
        '  await null;',
        '  console.log(name, 1);',
        '  await new Promise((r) => setTimeout(r, 5));',
        '  console.log(name, 2);',
        '}',
        "worker('a');",
        "worker('b');",
        '',
      ].join('\n'),
    );
    expect(t.coroutines.map((c) => c.name)).toEqual(['worker#1', 'worker#2']);
    const [a] = t.coroutines;
    expect(a.awaits.map((w) => w.source)).toEqual([
      { file, line: 2, column: 3 },
      { file, line: 4, column: 3 },
    ]);
    expect(a.awaits[0].suspendTask).toBe(0);
    expect(t.tasks[a.awaits[0].resumeTask!].queue).toBe('microtask');
    expect(t.tasks[a.awaits[0].resumeTask!].resumes).toBe(a.id);
    expect(a.endStep).not.toBeNull();
    // the resumed coroutine is the whole call stack of its resumption task
    const printStep = outputStep(t, 'a 2');
    expect(callStackAt(t, printStep).map((f) => f.name)).toEqual(['worker#1']);
    // the timer that settles the await is a task of its own, scheduled by the resumed coroutine's task
    const timer = t.tasks.find((x) => x.queue === 'timer')!;
    expect(timer.source).toEqual({ file, line: 4, column: 28 });
  });

  it('the call stack inside nested calls', async () => {
    const { trace: t } = await trace('stack.js', "function inner() { console.log('deep'); }\nfunction outer() { inner(); }\nsetTimeout(function tick() { outer(); }, 1);\n");
    expect(callStackAt(t, outputStep(t, 'deep')).map((f) => f.name)).toEqual(['tick', 'outer', 'inner']);
  });

  it('TypeScript: sites point at the original .ts lines', async () => {
    const { trace: t, file } = await trace(
      'typed.ts',
      ['interface Job {', '  id: number;', '}', '', 'async function run(job: Job): Promise<number> {', '  const x: number = await Promise.resolve(job.id);', '  return x;', '}', "run({ id: 1 }).then((v) => console.log('done', v));", ''].join('\n'),
    );
    expect(t.coroutines[0].source).toMatchObject({ file, line: 5 });
    expect(t.coroutines[0].awaits[0].source).toEqual({ file, line: 6, column: 21 });
    expect(t.output[0].source).toMatchObject({ file, line: 9 });
  });
});

describe('output', () => {
  it('each write is tied to the task and the line that printed it; stderr too', async () => {
    const { trace: t, file } = await trace('out.js', "console.log('one');\nsetImmediate(() => console.error('two'));\n");
    expect(t.output.map((o) => [o.stream, o.text, t.tasks[o.task!].queue, o.source?.line])).toEqual([
      ['stdout', 'one\n', 'main', 1],
      ['stderr', 'two\n', 'immediate', 2],
    ]);
    expect(t.output[0].source?.file).toBe(file);
  });
});
