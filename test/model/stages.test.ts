// Each stage of the model on small synthetic recordings (test/model/synthetic.ts): what it takes, what it makes.
import { describe, it, expect } from 'vitest';
import { decode } from '../../src/model/decode';
import { resourcesAndTasks, type ResourceTable } from '../../src/model/resources';
import { mainScriptTask, markMainScript } from '../../src/model/main-script';
import { framesAndCoroutines } from '../../src/model/frames';
import { stepsOf, stepAtEvent } from '../../src/model/steps';
import { queueContents } from '../../src/model/queues';
import { buildTrace } from '../../src/model';
import { ENTRY, Recording } from './synthetic';
import { RawKind } from '../../src/core/raw-events';

/** A CommonJS main script: it schedules a 5 ms timer, then calls async main(), which awaits once; the timer prints,
 * then main resumes and prints. */
function classic() {
  const r = new Recording();
  const [mod, mainFn, awaitSite, timerCall, printTick, printDone] = r.sites(ENTRY, [
    { kind: 'module', name: '<module>', line: 1, column: 1 },
    { kind: 'function', name: 'main', line: 2, column: 1, async: true },
    { kind: 'await', line: 3, column: 3 },
    { kind: 'call', line: 6, column: 1 },
    { kind: 'call', line: 6, column: 20 },
    { kind: 'call', line: 4, column: 3 },
  ]);
  const ev = {
    enterModule: r.enter(1, mod),
    timer: r.init(10, 'Timeout', 1, 1, 5),
    timerSite: r.scheduledAt(10, timerCall, 3),
    mainPromise: r.init(20, 'PROMISE', 1, 1),
    enterMain: r.enter(2, mainFn),
    await: r.await(2, awaitSite),
    resumption: r.init(21, 'PROMISE', 22, 1),
    exitModule: r.exit(1),
    timerBefore: r.before(10),
    tick: r.output('tick\n', printTick),
    timerAfter: r.after(10),
    settle: r.resolve(22),
    resume: r.before(21),
    done: r.output('done\n', printDone),
    exitMain: r.exit(2),
    resumeAfter: r.after(21),
  };
  return { r, ev, sites: { mod, mainFn, awaitSite, timerCall } };
}

describe('decode', () => {
  it('turns meta records into tables: sites by id (with unknown ids filled), types, output, the first error', () => {
    const r = new Recording();
    r.sites('/app/a.js', [
      { kind: 'await', line: 3, column: 3 },
      { kind: 'await', line: 4, column: 3, seqPrevOffset: 1 },
    ]);
    r.meta.push({ t: 'site', id: 3, file: '/app/b.js', line: 9, column: 2 });
    r.meta.push({ t: 'error', origin: 'uncaughtException', name: 'Error', message: 'first' }, { t: 'error', origin: 'uncaughtException', name: 'Error', message: 'second' });
    r.output('hi\n');
    const d = decode(r.run());
    expect(d.sites).toEqual([
      { file: '/app/a.js', line: 3, column: 3, kind: 'await', name: undefined },
      { file: '/app/a.js', line: 4, column: 3, kind: 'await', name: undefined, after: 0 },
      { file: '', line: 0, column: 0, kind: 'unknown' },
      { file: '/app/b.js', line: 9, column: 2, kind: 'call' },
    ]);
    expect(d.error?.message).toBe('first');
    expect(d.outputs.get(0)?.text).toBe('hi\n');
    expect(d.events.count).toBe(1);
    expect(d.start?.entry).toBe(ENTRY);
  });
});

describe('resources and tasks', () => {
  it('cuts the run into tasks: the code outside any callback, then one per callback', () => {
    const { r, ev } = classic();
    const rt = resourcesAndTasks(decode(r.run()));
    expect(rt.tasks.map((t) => [t.queue, t.resourceType, t.implicit, t.startEvent, t.endEvent])).toEqual([
      ['other', 'unknown', true, ev.enterModule, ev.exitModule],
      ['timer', 'Timeout', false, ev.timerBefore, ev.timerAfter],
      ['microtask', 'PROMISE', false, ev.resume, ev.resumeAfter],
    ]);
    expect(rt.tasks[1].scheduledBy).toBe(0);
    // events between tasks belong to the one before
    expect(rt.eventTask[ev.settle]).toBe(1);
    const res = rt.resources;
    const timer = res.row(10);
    expect([res.delay[timer], res.interval(timer), res.direct(timer), res.runCount(timer), res.run(timer, 0)]).toEqual([5, false, true, 1, 1]);
    expect(res.label(timer)).toBe('setTimeout 5 ms');
  });

  it("links an await to the promise that resumes it, and an async call's own promise to its frame", () => {
    const { r } = classic();
    const rt = resourcesAndTasks(decode(r.run()));
    const res = rt.resources;
    const resumption = res.row(21);
    expect([res.awaited(resumption), res.awaitFrame[resumption], res.awaitSite[resumption]]).toEqual([true, 2, 2]);
    expect(res.label(resumption)).toBe('await resumption');
    expect(rt.framePromise.get(20)).toBe(2);
  });

  it('an awaited thenable: the first promise wraps it, the one chained to it resumes the coroutine', () => {
    const r = new Recording();
    r.enter(1, 0);
    r.await(1, 0);
    r.init(30, 'PROMISE', 5, 1);
    r.init(31, 'PROMISE', 30, 1);
    r.exit(1);
    const rt = resourcesAndTasks(decode(r.run()));
    const res = rt.resources;
    expect([res.awaitWrapper(res.row(30)), res.awaited(res.row(30)), res.label(res.row(30))]).toEqual([true, false, 'resolve thenable']);
    expect([res.awaited(res.row(31)), res.awaitFrame[res.row(31)]]).toEqual([true, 1]);
  });

  it('reads an interval from its delay field, and a close callback goes to the close queue', () => {
    const r = new Recording();
    r.init(10, 'Timeout', 1, 1, -2 - 20);
    r.init(11, 'TCPWRAP', 1, 1);
    r.event(12 /* Closing */, 11);
    r.before(11);
    r.after(11);
    const rt = resourcesAndTasks(decode(r.run()));
    const res = rt.resources;
    expect([res.delay[res.row(10)], res.interval(res.row(10)), res.label(res.row(10))]).toEqual([20, true, 'setInterval 20 ms']);
    expect(rt.tasks.map((t) => t.queue)).toEqual(['other', 'close']);
  });
});

describe('the resource table', () => {
  it('grows past its first capacity and keeps every run of a resource in order', () => {
    const r = new Recording();
    for (let id = 1; id <= 3000; id++) r.init(id, 'Immediate');
    for (let k = 0; k < 3; k++) {
      r.before(2500);
      r.after(2500);
    }
    const res: ResourceTable = resourcesAndTasks(decode(r.run())).resources;
    expect(res.count).toBe(3000);
    expect([res.id[res.row(2999)], res.row(5000)]).toEqual([2999, -1]);
    const row = res.row(2500);
    expect([res.runCount(row), res.run(row, 0), res.run(row, 1), res.run(row, 2), res.runEndCount(row)]).toEqual([3, 1, 2, 3, 3]);
    expect(res.runEnd(row, 2)).toBeGreaterThan(res.runEnd(row, 1));
  });
});

describe('the main script', () => {
  it('CommonJS: the code that ran before any callback', () => {
    const { r } = classic();
    const d = decode(r.run());
    const rt = resourcesAndTasks(d);
    expect(markMainScript(d, rt)).toBe(0);
    expect(rt.tasks[0]).toMatchObject({ queue: 'main', resourceType: 'main', scheduledBy: null });
  });

  it("an ES module: the callback of Node's loader that evaluates the entry module", () => {
    const r = new Recording();
    const [mod, other] = r.sites(ENTRY, [
      { kind: 'module', name: '<module>', line: 1, column: 1 },
      { kind: 'module', name: '<module>', line: 1, column: 1 },
    ]);
    r.meta.push({ t: 'sites', base: 2, file: '/app/dep.mjs', sites: [] });
    r.event(15 /* LateBefore */, 50, r.typeCode('PROMISE'));
    r.after(50);
    r.event(15, 51, r.typeCode('PROMISE'));
    r.enter(1, mod);
    r.exit(1);
    r.after(51);
    void other;
    const d = decode(r.run());
    const rt = resourcesAndTasks(d);
    expect(mainScriptTask(d, rt)).toBe(1);
    markMainScript(d, rt);
    expect(rt.tasks.map((t) => t.queue)).toEqual(['microtask', 'main']);
    expect(rt.tasks[1].resourceType).toBe('PROMISE');
  });

  it('neither: no main script', () => {
    const r = new Recording();
    r.init(10, 'Immediate');
    const d = decode(r.run());
    const rt = resourcesAndTasks(d);
    rt.tasks[0].implicit = false;
    expect(mainScriptTask(d, rt)).toBe(-1);
  });
});

describe('frames, coroutines and awaits', () => {
  it('an async call is a coroutine; its await suspends it in one task and the resumption resumes it in another', () => {
    const { r, ev } = classic();
    const d = decode(r.run());
    const rt = resourcesAndTasks(d);
    const fr = framesAndCoroutines(d, rt);
    expect(fr.coroutines).toEqual([
      {
        id: 0,
        name: 'main#1',
        kind: 'async function',
        source: { file: ENTRY, line: 2, column: 1 },
        startTask: 0,
        startEvent: ev.enterMain,
        endEvent: ev.exitMain,
        awaits: [{ source: { file: ENTRY, line: 3, column: 3 }, suspendTask: 0, resumeTask: 2, suspendEvent: ev.await, resumeEvent: ev.resume }],
      },
    ]);
    expect([...fr.taskResumes]).toEqual([-1, -1, 0]);
    // the stack: module, then main on top of it; the await takes main off; the resumption puts it back
    expect([fr.depth[ev.enterModule], fr.depth[ev.enterMain], fr.depth[ev.await], fr.depth[ev.resume], fr.depth[ev.exitMain]]).toEqual([1, 2, 1, 1, 0]);
    expect(fr.flowLog.map((f) => [f.what, f.event])).toEqual([
      ['await', ev.await],
      ['resume', ev.resume],
    ]);
  });

  it('names each call of one function in order, and knows which coroutine started which', () => {
    const r = new Recording();
    const [outer, inner] = r.sites(ENTRY, [
      { kind: 'function', name: 'outer', line: 1, column: 1, async: true },
      { kind: 'function', name: 'inner', line: 5, column: 1, async: true },
    ]);
    r.enter(1, outer);
    r.enter(2, inner);
    r.exit(2);
    r.enter(3, inner);
    r.exit(3);
    r.exit(1);
    const d = decode(r.run());
    const fr = framesAndCoroutines(d, resourcesAndTasks(d));
    expect(fr.coroutines.map((c) => c.name)).toEqual(['outer#1', 'inner#1', 'inner#2']);
    expect([...fr.callerOf]).toEqual([
      [1, { caller: 0, frame: 2 }],
      [2, { caller: 0, frame: 3 }],
    ]);
  });

  it("a shared-state access belongs to the flow of the coroutine running it; one outside any coroutine is nobody's", () => {
    const r = new Recording();
    const [fn, read] = r.sites(ENTRY, [
      { kind: 'function', name: 'f', line: 1, column: 1, async: true },
      { kind: 'kept', name: 'x', line: 2, column: 1 },
    ]);
    r.access(0, read, -1, false);
    r.enter(1, fn);
    r.access(1, read, -1, true);
    r.exit(1);
    const d = decode(r.run());
    const fr = framesAndCoroutines(d, resourcesAndTasks(d));
    expect(fr.flowLog).toEqual([{ what: 'access', flow: 1, event: 2, site: read, loc: 'v0', write: true }]);
  });
});

describe('steps', () => {
  it('says what happened, step by step, with the task, the coroutine and the stack depth', () => {
    const { r } = classic();
    const d = decode(r.run());
    const rt = resourcesAndTasks(d);
    markMainScript(d, rt);
    const st = stepsOf(d, rt, framesAndCoroutines(d, rt));
    expect(st.steps.map((s) => [s.kind, s.task, s.coroutine, s.depth, s.text])).toEqual([
      ['run', 0, -1, 0, 'run the main script'],
      ['call', 0, -1, 1, 'evaluate module main.js'],
      ['schedule', 0, -1, 1, 'schedule setTimeout 5 ms (timer queue)'],
      ['call', 0, 0, 2, 'call main#1 (async)'],
      ['await', 0, 0, 1, 'main#1 awaits (line 3) and gives control back to the event loop'],
      ['return', 0, -1, 0, 'return from <module>()'],
      ['run', 1, -1, 0, 'run timer callback: setTimeout 5 ms'],
      ['output', 1, -1, 0, 'prints "tick"'],
      ['resume', 2, 0, 1, 'resume main#1 after await (line 3)'],
      ['output', 2, -1, 1, 'prints "done"'],
      ['return', 2, 0, 0, 'main#1 finished'],
    ]);
    expect([...st.taskStartStep]).toEqual([0, 6, 8]);
    expect(st.output.map((o) => [o.text, o.task, o.step, o.source?.line])).toEqual([
      ['tick\n', 1, 7, 6],
      ['done\n', 2, 9, 4],
    ]);
  });

  it('finds the step at an event: the last one made at or before it', () => {
    const stepEvent = Int32Array.from([0, 0, 3, 7]);
    expect([0, 1, 2, 3, 6, 7, 100].map((e) => stepAtEvent(stepEvent, e))).toEqual([1, 1, 1, 2, 2, 3, 3]);
    expect(stepAtEvent(new Int32Array(0), 5)).toBe(0);
  });
});

describe('queue contents', () => {
  it('an item per run: enters when scheduled (a reaction: when its promise settles), leaves when it runs', () => {
    const { r } = classic();
    const d = decode(r.run());
    const rt = resourcesAndTasks(d);
    markMainScript(d, rt);
    const st = stepsOf(d, rt, framesAndCoroutines(d, rt));
    const qc = queueContents(d, rt, st);
    expect(qc.items.map((q) => [q.queue, q.label, q.task, q.enterStep, q.leaveStep, q.inferred ?? false])).toEqual([
      ['timer', 'setTimeout 5 ms', 1, 2, 6, false],
      // the resumption's parent (22) was never seen settling: its enqueue moment is inferred
      ['microtask', 'await resumption', 2, 4, 8, true],
    ]);
    expect(qc.items[0].due).toBe(1 + 5000); // made at 1 µs
    expect(qc.enqueuedAt).toEqual([null, 2, 4]);
  });

  it('an interval goes back into its queue after each run; a cleared timer leaves at its cancel step', () => {
    const r = new Recording();
    r.init(10, 'Timeout', 1, 1, -2 - 10);
    r.init(11, 'Timeout', 1, 1, 50);
    r.before(10);
    r.after(10);
    r.before(10);
    r.cancel(11);
    r.after(10);
    const d = decode(r.run());
    const rt = resourcesAndTasks(d);
    markMainScript(d, rt);
    const st = stepsOf(d, rt, framesAndCoroutines(d, rt));
    const items = queueContents(d, rt, st).items;
    const interval = items.filter((q) => q.label === 'setInterval 10 ms');
    expect(interval.map((q) => [q.task, q.leaveStep === null])).toEqual([
      [1, false],
      [2, false],
      [null, true],
    ]);
    const cleared = items.find((q) => q.label === 'setTimeout 50 ms')!;
    expect(st.steps[cleared.leaveStep!].kind).toBe('cancel');
  });
});

describe('the whole model on a synthetic run', () => {
  it('tasks get labels; the trace is what the stages made', () => {
    const { r } = classic();
    const trace = buildTrace(r.run());
    expect(trace.tasks.map((t) => t.label)).toEqual(['main script', 'setTimeout 5 ms', 'resume main#1']);
    expect(trace.coroutines[0].awaits[0]).toMatchObject({ suspendStep: 4, resumeStep: 8, suspendTask: 0, resumeTask: 2 });
    expect(trace.coroutines[0]).toMatchObject({ startStep: 3, endStep: 10 });
    expect(trace.findings).toEqual([]);
  });
});

describe('join threads', () => {
  /** main starts worker 2 and sends it a message; the worker prints (Node relays it through main) and answers. */
  function twoLoops() {
    const main = new Recording();
    Object.assign(main.meta[0], { thread: 0, timeOrigin: 1000 });
    const [mod] = main.sites(ENTRY, [{ kind: 'module', name: '<module>', line: 1, column: 1 }]);
    main.meta.push({ t: 'worker', thread: 2, entry: '/app/w.js', name: null });
    main.enter(1, mod);
    main.init(30, 'MESSAGEPORT'); // the worker's internal port (its stdio)
    main.init(31, 'MESSAGEPORT'); // its public port
    main.event(RawKind.MessageOut, 2, 1, 1);
    main.output('main\n');
    main.exit(1);
    main.before(30);
    main.meta.push({ t: 'output', index: 1, stream: 'stdout', text: '', relay: 2 }); // Node relays the worker's line
    main.after(30);
    main.before(31);
    main.event(RawKind.MessageIn, 2, 1, 1);
    main.output('got\n');
    main.after(31);

    const worker = new Recording();
    Object.assign(worker.meta[0], { thread: 2, parent: 0, timeOrigin: 1000.5 });
    const [wmod] = worker.sites('/app/w.js', [{ kind: 'module', name: '<module>', line: 1, column: 1 }]);
    worker.enter(1, wmod);
    worker.exit(1);
    worker.event(RawKind.LateBefore, 40, worker.typeCode('MESSAGEPORT'));
    worker.event(RawKind.MessageIn, 0, 1, 1);
    worker.output('worker\n');
    worker.event(RawKind.MessageOut, 0, 1, 1);
    worker.after(40);
    worker.meta.push({ t: 'exit', code: 0 });
    return main.run({ threads: [{ thread: 2, events: worker.run().events, meta: worker.meta }] });
  }

  it('one trace: threads, ids shifted past the main thread, worker times on the main clock', () => {
    const trace = buildTrace(twoLoops());
    expect(trace.threads).toEqual([
      { id: 0, kind: 'main', name: 'main', parent: null, entry: ENTRY, exitCode: 0 },
      { id: 2, kind: 'worker', name: 'worker 2 (w.js)', parent: 0, entry: '/app/w.js', exitCode: 0 },
    ]);
    expect(trace.tasks.map((t) => [t.id, t.thread])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 2],
      [4, 2],
    ]);
    expect(trace.tasks[4].startTime).toBe(500 + 2); // the worker's clock started 0.5 ms after main's
    for (const s of trace.steps) expect(trace.tasks[s.task]).toBeDefined();
    expect(trace.steps.filter((s) => trace.tasks[s.task].thread === 2).every((s) => s.site < 0 || trace.sites[s.site].file === '/app/w.js')).toBe(true);
  });

  it("output in the order it reached stdout, the worker's line tied to the worker's task", () => {
    const trace = buildTrace(twoLoops());
    expect(trace.output.map((o) => [o.text, o.thread, o.task])).toEqual([
      ['main\n', 0, 0],
      ['worker\n', 2, 4],
      ['got\n', 0, 2],
    ]);
  });

  it('each message from the task that sent it to the task whose listener received it', () => {
    const trace = buildTrace(twoLoops());
    expect(trace.messages.map((m) => [m.channel, m.from.thread, m.from.task, m.to.thread, m.to.task])).toEqual([
      ['worker.postMessage', 0, 0, 2, 4],
      ['parentPort.postMessage', 2, 4, 0, 2],
    ]);
  });
});

describe('join a child process', () => {
  /** main (pid 1) sends its child (pid 77, thread 1000) a message and gets an answer; the child's clock runs 50 ms
   * behind main's, so by the clocks alone the child would receive the message before main sent it */
  function parentAndChild(piped: boolean) {
    const main = new Recording();
    Object.assign(main.meta[0], { thread: 0, timeOrigin: 1000 });
    const [mod] = main.sites(ENTRY, [{ kind: 'module', name: '<module>', line: 1, column: 1 }]);
    main.enter(1, mod);
    main.output('main\n');
    main.event(RawKind.MessageOut, 77, 1, 4); // subprocess.send: the child named by its pid
    main.exit(1);
    main.time += 10_000;
    main.event(RawKind.LateBefore, 50, main.typeCode('TickObject'));
    main.event(RawKind.MessageIn, 77, 1, 4);
    main.output('got\n');
    main.after(50);

    const child = new Recording();
    Object.assign(child.meta[0], { thread: 1000, parent: 0, pid: 77, entry: '/app/c.js', timeOrigin: 950, process: { piped: { stdout: piped, stderr: false } } });
    const [cmod] = child.sites('/app/c.js', [{ kind: 'module', name: '<module>', line: 1, column: 1 }]);
    child.enter(1, cmod);
    child.exit(1);
    child.event(RawKind.LateBefore, 60, child.typeCode('TickObject'));
    child.event(RawKind.MessageIn, 0, 1, 3); // process 'message': from its parent's thread
    child.output('child\n');
    child.event(RawKind.MessageOut, 0, 1, 3); // process.send
    child.after(60);
    child.meta.push({ t: 'exit', code: 3 });
    return main.run({ threads: [{ thread: 1000, events: child.run().events, meta: child.meta }] });
  }

  it('a loop of kind process, its messages joined through its pid, steps ordered by them and not by the clocks', () => {
    const trace = buildTrace(parentAndChild(false));
    expect(trace.threads).toEqual([
      { id: 0, kind: 'main', name: 'main', parent: null, entry: ENTRY, exitCode: 0 },
      { id: 1000, kind: 'process', name: 'process 1 (c.js)', parent: 0, entry: '/app/c.js', exitCode: 3 },
    ]);
    expect(trace.messages.map((m) => [m.channel, m.from.thread, m.to.thread, m.to.task !== null])).toEqual([
      ['subprocess.send', 0, 1000, true],
      ['process.send', 1000, 0, true],
    ]);
    for (const m of trace.messages) expect(m.to.step!).toBeGreaterThan(m.from.step);
    // each loop's own steps in their order, every reference to a step moved with it
    for (const t of trace.tasks) expect(trace.steps[t.startStep].task).toBe(t.id);
    for (const o of trace.output) expect(trace.steps[o.step].task).toBe(o.task);
    expect(trace.output.find((o) => o.text === 'child\n')).toMatchObject({ thread: 1000 });
    expect(trace.output.find((o) => o.text === 'child\n')?.piped).toBeUndefined();
  });

  it("a child whose stdout is a pipe to its parent: its writes are marked piped, not the program's", () => {
    const trace = buildTrace(parentAndChild(true));
    expect(trace.output.map((o) => [o.text, o.thread, o.piped ?? false])).toEqual([
      ['main\n', 0, false],
      ['got\n', 0, false],
      ['child\n', 1000, true],
    ]);
  });
});
