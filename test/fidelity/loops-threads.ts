// What the trace of each worker program of test/loops must show (issue 10): its loops, every output line tied to the
// loop and task that wrote it, every message joined to the task that sent it and the task whose listener received it,
// and the awaits inside workers at their lines. Checked by loops.test.ts on the same traced run that is compared with
// the plain one.
import { expect } from 'vitest';
import { basename } from 'node:path';
import type { Message, Trace } from '../../src/core/trace-format';
import type { TracedRunResult } from '../support/compare';
import { toPerfetto } from '../../src/core/perfetto';
import { summarize } from '../../src/core/summary';
import { renderWindow } from '../../src/core/mermaid';
import { primarySite } from '../../src/core/findings';

const file = (path: string | null | undefined) => (path ? basename(path) : null);

/** The thread running `entry` (the only one). */
function threadOf(trace: Trace, entry: string): number {
  const found = trace.threads.filter((t) => file(t.entry) === entry);
  expect(found.map((t) => t.entry && file(t.entry)), `one thread runs ${entry}`).toEqual([entry]);
  return found[0].id;
}

/** The awaits of coroutines on `thread` at `where` (file:line). */
function awaitsAt(trace: Trace, thread: number, where: string) {
  return trace.coroutines.filter((c) => (c.thread ?? 0) === thread).flatMap((c) => c.awaits.filter((a) => `${file(a.source.file)}:${a.source.line}` === where));
}

const between = (trace: Trace, from: number, to: number): Message[] => trace.messages.filter((m) => m.from.thread === from && m.to.thread === to);
const threadOfTask = (trace: Trace, task: number | null) => (task === null ? null : (trace.tasks[task].thread ?? 0));

/** Checks common to every worker program: the thread tree, tasks on their thread, output joined to stdout exactly. */
function common(run: TracedRunResult): void {
  const { trace } = run;
  expect(trace.threads[0]).toMatchObject({ id: 0, kind: 'main', parent: null });
  const ids = new Set(trace.threads.map((t) => t.id));
  for (const t of trace.threads.slice(1)) {
    expect(['worker', 'process']).toContain(t.kind);
    expect(ids.has(t.parent!), `thread ${t.id}'s parent ${t.parent} is a thread of the trace`).toBe(true);
  }
  // the program's stdout and stderr are exactly the output's texts, in order, whichever loop wrote them
  for (const stream of ['stdout', 'stderr'] as const) {
    expect(trace.output.filter((o) => o.stream === stream && !o.piped).map((o) => o.text).join(''), stream).toBe(run[stream]);
  }
  for (const o of trace.output) if (o.task !== null) expect(threadOfTask(trace, o.task), `"${o.text}" is on its task's thread`).toBe(o.thread);
  for (const m of trace.messages) {
    expect(threadOfTask(trace, m.from.task), `message ${m.id} sent on its thread`).toBe(m.from.thread);
    if (m.to.task !== null) expect(threadOfTask(trace, m.to.task), `message ${m.id} received on its thread`).toBe(m.to.thread);
    // steps follow message causality: a message is received after it was sent
    if (m.to.step !== null) expect(m.to.step, `message ${m.id} received after it was sent`).toBeGreaterThan(m.from.step);
  }
  // each loop's steps stay in their own order: its tasks' steps in the order its tasks ran
  for (const t of trace.threads) {
    const starts = trace.tasks.filter((x) => (x.thread ?? 0) === t.id).map((x) => x.startStep);
    expect(starts, `${t.name}'s tasks in order`).toEqual([...starts].sort((a, b) => a - b));
  }
}

/** The findings of a kind, each by the file:line it is shown on. */
function findingsOf(trace: Trace, kind: string): string[] {
  return trace.findings.filter((f) => f.kind === kind).map((f) => `${file(primarySite(f)?.file)}:${primarySite(f)?.line}`);
}

/** The output line with this text: on that thread (and a task of it). */
function printedBy(trace: Trace, text: string, thread: number): void {
  const lines = trace.output.filter((o) => o.text === text);
  expect(lines.length, `one output "${text}"`).toBe(1);
  expect(lines[0].thread, `"${text}" is tied to thread ${thread}`).toBe(thread);
  expect(lines[0].task, `"${text}" has its task`).not.toBeNull();
}

export const THREAD_CHECKS: Record<string, (run: TracedRunResult) => void> = {
  'ping-pong': (run) => {
    const { trace } = run;
    const player = threadOf(trace, 'player.mjs');
    expect(trace.threads.find((t) => t.id === player)).toMatchObject({ parent: 0, exitCode: 0 });
    printedBy(trace, 'player served 5 pings\n', player);
    printedBy(trace, 'worker exit 0\n', 0);
    const pings = between(trace, 0, player);
    const pongs = between(trace, player, 0);
    expect(pings.map((m) => m.channel)).toEqual(Array(6).fill('worker.postMessage'));
    expect(pongs.map((m) => m.channel)).toEqual(Array(5).fill('parentPort.postMessage'));
    // each ping's listener awaits (player.mjs line 10) in the task that received the ping; the pong leaves from the
    // task that resumed it; main receives it before it sends the next ping
    const awaits = awaitsAt(trace, player, 'player.mjs:10');
    expect(awaits).toHaveLength(5);
    for (let k = 0; k < 5; k++) {
      expect(pings[k].to.task, `ping ${k + 1} received where the listener awaited`).toBe(awaits[k].suspendTask);
      expect(pongs[k].from.task, `pong ${k + 1} sent after the await resumed`).toBe(awaits[k].resumeTask);
      expect(pongs[k].to.task).not.toBeNull();
      expect(pings[k + 1].from.step).toBeGreaterThan(pongs[k].to.step!);
    }
    expect(pings[5].to.task).not.toBeNull(); // 'stop'
    // Perfetto: one process per loop, each task's slice in its loop's process, a flow arrow per message
    const events = toPerfetto(trace).traceEvents;
    expect(events.filter((e) => e.name === 'process_name').map((e) => e.pid)).toEqual([1, 2]);
    const slices = events.filter((e) => e.ph === 'X');
    expect(slices.filter((e) => e.pid === 2)).toHaveLength(trace.tasks.filter((t) => t.thread === player).length);
    const flows = events.filter((e) => e.cat === 'message');
    expect(flows.filter((e) => e.ph === 's').map((e) => e.pid)).toEqual(trace.messages.map((m) => (m.from.thread === 0 ? 1 : 2)));
    expect(flows.filter((e) => e.ph === 'f').map((e) => e.pid)).toEqual(trace.messages.map((m) => (m.to.thread === 0 ? 1 : 2)));
  },
  'worker-pool': (run) => {
    const { trace } = run;
    const workers = trace.threads.filter((t) => t.kind === 'worker');
    expect(workers.map((t) => [file(t.entry), t.parent, t.exitCode])).toEqual(Array(3).fill(['square.js', 0, 0]));
    printedBy(trace, 'squares (12): 1 4 9 16 25 36 49 64 81 100 121 144\n', 0);
    let jobs = 0;
    let results = 0;
    for (const w of workers) {
      const toWorker = between(trace, 0, w.id);
      const back = between(trace, w.id, 0);
      jobs += toWorker.length;
      results += back.length;
      expect(toWorker.length, 'the jobs and the closing null').toBe(back.length + 1);
      // each result is sent by the task that resumed after the worker's await (square.js line 5)
      const resumed = new Set(awaitsAt(trace, w.id, 'square.js:5').map((a) => a.resumeTask));
      for (const m of back) {
        expect(resumed.has(m.from.task), `result sent from a resumption of square.js:5`).toBe(true);
        expect(m.to.task).not.toBeNull();
      }
      for (const m of toWorker) expect(m.to.task).not.toBeNull();
    }
    expect([jobs, results]).toEqual([15, 12]);
    // the CLI summary: a line per loop, the messages per channel
    const summary = summarize(trace);
    expect(summary).toContain('  loops       4\n');
    expect(summary.match(/^ {4}worker \d+ \(square\.js\) +tasks \d+ \(main 1, .*\), coroutines \d+, awaits \d+, exit 0$/gm)).toHaveLength(3);
    expect(summary).toContain('  messages    27 (worker.postMessage 15, parentPort.postMessage 12)');
  },
  'nested-workers': (run) => {
    const { trace } = run;
    const outer = threadOf(trace, 'outer.js');
    const inner = threadOf(trace, 'inner.js');
    expect(trace.threads.find((t) => t.id === outer)?.parent).toBe(0);
    expect(trace.threads.find((t) => t.id === inner)?.parent).toBe(outer);
    const [up] = between(trace, inner, outer);
    const [relay] = between(trace, outer, 0);
    expect(up.channel).toBe('parentPort.postMessage');
    // the inner answer is sent after its await (inner.js line 4); the outer relays it from the task that received it
    expect(awaitsAt(trace, inner, 'inner.js:4').map((a) => a.resumeTask)).toEqual([up.from.task]);
    expect(relay.from.task).toBe(up.to.task);
    expect(relay.to.task).not.toBeNull();
    printedBy(trace, 'main got: outer(depth 1) relays inner at depth 2\n', 0);
  },
  'worker-esm': (run) => {
    const { trace } = run;
    const worker = threadOf(trace, 'worker.mjs');
    const [await5] = awaitsAt(trace, worker, 'worker.mjs:5');
    expect(await5, 'the worker module awaits at line 5').toBeDefined();
    const [answer] = between(trace, worker, 0);
    expect(answer.from.task).toBe(await5.resumeTask);
    expect(answer.to.task).not.toBeNull();
    printedBy(trace, 'hypotenuse 5\n', 0);
  },
  'worker-typescript': (run) => {
    const { trace } = run;
    const worker = threadOf(trace, 'stats-entry.js');
    expect(awaitsAt(trace, worker, 'stats.cts:4'), 'the TypeScript worker awaits at its own line 4').toHaveLength(1);
    const [answer] = between(trace, worker, 0);
    expect(answer.to.task).not.toBeNull();
    printedBy(trace, 'count 4, mean 5\n', 0);
  },
  'worker-from-code': (run) => {
    const { trace } = run;
    const worker = trace.threads.find((t) => t.kind === 'worker');
    expect(worker).toMatchObject({ parent: 0, entry: null, exitCode: 0 });
    // its code is not a file: not instrumented (as code run by eval is not), but its loop and its message are there
    expect(trace.tasks.some((t) => t.thread === worker!.id)).toBe(true);
    expect(between(trace, worker!.id, 0).map((m) => m.to.task !== null)).toEqual([true]);
    printedBy(trace, 'worker says: made from code\n', 0);
  },
  'unheard-messages': (run) => {
    const { trace } = run;
    const reporter = threadOf(trace, 'reporter.js');
    const deaf = threadOf(trace, 'deaf.js');
    // the report reached the Worker object (Node hands it over, listened for or not) with no 'message' listener there
    const [report] = between(trace, reporter, 0);
    expect(report).toMatchObject({ channel: 'parentPort.postMessage', dropped: true });
    expect(report.to.task).not.toBeNull();
    // the job stayed queued on a parentPort nothing listened on, the channel's message on a port nothing listened on
    const [job] = between(trace, 0, deaf);
    expect([job.to.task, job.dropped]).toEqual([null, undefined]);
    const [lost] = trace.messages.filter((m) => m.channel === 'MessagePort.postMessage');
    expect([lost.to.thread, lost.to.task]).toEqual([0, null]);
    // each is a finding on the line that sent it
    expect(findingsOf(trace, 'unheard-message')).toEqual(['reporter.js:4', 'main.js:11', 'main.js:16']);
    expect(trace.findings.filter((f) => f.kind === 'no-answer')).toEqual([]);
    for (const m of [report, job, lost]) expect(trace.findings.some((f) => f.sites.some((s) => s.step === m.from.step))).toBe(true);
    // the CLI summary says so
    const summary = summarize(trace);
    expect(summary).toContain('parentPort.postMessage 1 (1 dropped: nothing listened)');
    expect(summary.match(/^ {2}unheard-message at .*(reporter|main)\.js:\d+$/gm)).toHaveLength(3);
  },
  'busy-receiver': (run) => {
    const { trace } = run;
    const poster = threadOf(trace, 'poster.js');
    // the worker's message was sent while main waited, then computed, in one timer task; heard only after that task
    const [hello] = between(trace, poster, 0);
    const busy = trace.tasks.find((t) => t.thread === 0 && t.queue === 'timer')!;
    expect(hello.to.step!).toBeGreaterThan(busy.endStep);
    expect(busy.duration).toBeGreaterThan(300_000);
    const [finding] = trace.findings.filter((f) => f.kind === 'messages-waited');
    expect(finding.sites.map((s) => [s.role, `${file(s.file)}:${s.line}`])).toEqual([
      ['busy-task', 'main.js:11'],
      ['waiting-message', 'poster.js:3'],
    ]);
    expect(finding.message).toMatch(/^main was busy for \d+ ms with one synchronous task \(.*\) while 1 message from worker \d+ \(poster\.js\) waited for it/);
    // reported once, as that, not also as a blocked loop
    expect(trace.findings.map((f) => f.kind)).toEqual(['messages-waited']);
  },
  'worker-never-answers': (run) => {
    const { trace } = run;
    const worker = threadOf(trace, 'silent-worker.js');
    const child = threadOf(trace, 'silent-child.js');
    // asked while listening for an answer; heard by the worker's listener (which awaits, silent-worker.js line 4)
    const jobs = between(trace, 0, worker);
    expect(jobs.map((m) => [m.replyListener, m.dropped])).toEqual([[true, undefined], [true, undefined]]);
    expect(jobs.map((m) => m.to.task)).toEqual(awaitsAt(trace, worker, 'silent-worker.js:4').map((a) => a.suspendTask));
    expect(ipc(trace, 0, child, 'subprocess.send').map((m) => m.replyListener)).toEqual([true]);
    expect(between(trace, worker, 0).concat(between(trace, child, 0))).toEqual([]);
    expect(findingsOf(trace, 'no-answer')).toEqual(['main.js:9', 'main.js:15']);
    expect(trace.findings.filter((f) => f.kind === 'unheard-message')).toEqual([]);
  },
  'worker-own-execargv': (run) => {
    const { trace } = run;
    // Node passes no flag of the process to a worker given its own execArgv: the tracer adds its preload (and the
    // worker takes it out of process.execArgv again, as the output compared with the plain run shows)
    const worker = threadOf(trace, 'flags.js');
    const [a] = awaitsAt(trace, worker, 'flags.js:4');
    const [answer] = between(trace, worker, 0);
    expect(answer.from.task).toBe(a.resumeTask);
    printedBy(trace, 'worker says: execArgv ["--no-warnings"], ROLE=checker\n', 0);
  },
  'worker-stdout-callback': (run) => {
    const { trace } = run;
    const writer = threadOf(trace, 'writer.js');
    printedBy(trace, 'written by the worker\n', writer);
    expect(between(trace, writer, 0).map((m) => m.to.task !== null)).toEqual([true]);
  },
  'worker-error': (run) => {
    const { trace } = run;
    const thrower = threadOf(trace, 'thrower.js');
    expect(awaitsAt(trace, thrower, 'thrower.js:2')).toHaveLength(1);
    printedBy(trace, 'worker error: broken in the worker\n', 0);
  },
  'message-channel-two-workers': (run) => {
    const { trace } = run;
    const consumer = threadOf(trace, 'consumer.js');
    const producer = threadOf(trace, 'producer.js');
    // the ports main made and handed out in workerData: the six items and the end, producer to consumer
    const items = between(trace, producer, consumer);
    expect(items.map((m) => m.channel)).toEqual(Array(7).fill('MessagePort.postMessage'));
    const resumed = awaitsAt(trace, producer, 'producer.js:5').map((a) => a.resumeTask);
    expect(items.map((m) => m.from.task)).toEqual([...resumed, resumed[5]]);
    for (const m of items) expect(m.to.task).not.toBeNull();
    // the consumer answers main from the task that received the end
    const [answer] = between(trace, consumer, 0);
    expect(answer.from.task).toBe(items[6].to.task);
    expect(answer.to.task).not.toBeNull();
    printedBy(trace, 'consumer: saw 1,2,3,4,5,6, total 21\n', 0);
    printedBy(trace, 'both workers done\n', 0);
  },
  'transfer-port': (run) => {
    const { trace } = run;
    const answerer = threadOf(trace, 'answerer.js');
    const [question] = between(trace, 0, answerer);
    const [answer] = between(trace, answerer, 0);
    expect([question.channel, answer.channel]).toEqual(['worker.postMessage', 'MessagePort.postMessage']);
    // the worker's listener awaits (answerer.js line 4) in the task that got the question, answers on the port after
    const [a] = awaitsAt(trace, answerer, 'answerer.js:4');
    expect([a.suspendTask, a.resumeTask]).toEqual([question.to.task, answer.from.task]);
    expect(trace.output.find((o) => o.text === 'answer on the transferred port 42\n')?.task).toBe(answer.to.task);
  },
  'broadcast-channel': (run) => {
    const { trace } = run;
    const workers = trace.threads.filter((t) => t.kind === 'worker').map((t) => t.id);
    expect(workers).toHaveLength(2);
    const broadcast = (from: number, to: number) => between(trace, from, to).filter((m) => m.channel === 'BroadcastChannel.postMessage');
    // main's one broadcast reaches both workers' channels; each answers on the channel, heard by main (a worker has
    // closed its channel when the other's answer comes)
    const hello = workers.map((w) => broadcast(0, w));
    expect(hello.map((list) => list.length)).toEqual([1, 1]);
    expect(hello[0][0].from.task).toBe(hello[1][0].from.task);
    expect(broadcast(workers[0], workers[1]).concat(broadcast(workers[1], workers[0]))).toEqual([]);
    for (const [k, w] of workers.entries()) {
      // the listener awaits (listener.js line 5) in the task that heard the broadcast; it answers once resumed
      const [a] = awaitsAt(trace, w, 'listener.js:5');
      const [answer] = broadcast(w, 0);
      expect([hello[k][0].to.task, answer.from.task]).toEqual([a.suspendTask, a.resumeTask]);
      expect(answer.to.task).not.toBeNull();
    }
    const printed = trace.output.find((o) => o.text === 'left heard hello; right heard hello\n');
    expect(workers.map((w) => broadcast(w, 0)[0].to.task)).toContain(printed?.task);
    expect(trace.messages.filter((m) => m.channel === 'BroadcastChannel.postMessage').every((m) => m.to.task !== null)).toBe(true);
    expect(hello.map((list) => list[0].payload)).toEqual([{ type: 'string', size: 5 }, { type: 'string', size: 5 }]);
  },
  'receive-message-on-port': (run) => {
    const { trace } = run;
    const filler = threadOf(trace, 'filler.js');
    const letters = between(trace, filler, 0);
    expect(letters.map((m) => m.channel)).toEqual(Array(3).fill('MessagePort.postMessage'));
    // taken by receiveMessageOnPort in main's 'exit' listener: the task that prints them
    const printed = trace.output.find((o) => o.text === 'received synchronously: a,b,c\n');
    expect(letters.map((m) => m.to.task)).toEqual(Array(3).fill(printed?.task));
  },
};

/** The child processes of a trace that run `entry`, in the order they started. */
function processesOf(trace: Trace, entry: string) {
  return trace.threads.filter((t) => t.kind === 'process' && file(t.entry) === entry);
}

/** Every output line of a child process: on that loop, piped (a pipe to its parent) or not (the program's stdout). */
function childLines(trace: Trace, thread: number, piped: boolean): string[] {
  const lines = trace.output.filter((o) => o.thread === thread);
  for (const o of lines) expect([o.text, !!o.piped, o.task !== null]).toEqual([o.text, piped, true]);
  return lines.map((o) => o.text);
}

/** The CLI summary, Perfetto and the sequence diagram show each loop: a summary line, a process, a box. */
function viewsShowLoops(trace: Trace): void {
  const summary = summarize(trace);
  expect(summary).toContain(`  loops       ${trace.threads.length}\n`);
  for (const t of trace.threads) expect(summary, `a summary line for ${t.name}`).toContain(`    ${t.name}`);
  const events = toPerfetto(trace).traceEvents;
  expect(events.filter((e) => e.name === 'process_name').map((e) => e.pid)).toEqual(trace.threads.map((_, i) => i + 1));
  const diagram = renderWindow(trace, 0, trace.steps.length - 1).text;
  const boxes = diagram.split('\n').filter((l) => l.trim().startsWith('box '));
  expect(boxes.length, 'a box per loop that ran a task').toBe(new Set(trace.tasks.map((t) => t.thread ?? 0)).size);
  const ranTask = (id: number) => trace.tasks.some((x) => x.thread === id);
  for (const t of trace.threads.filter((x) => x.kind === 'process' && ranTask(x.id))) expect(boxes.some((b) => b.includes(t.name)), `a box for ${t.name}`).toBe(true);
}

/** Messages of an IPC channel: the sender's task and the receiver's, in the order sent. */
const ipc = (trace: Trace, from: number, to: number, channel: string) => {
  const list = between(trace, from, to);
  expect(list.map((m) => m.channel)).toEqual(list.map(() => channel));
  return list;
};

/** Child Node processes (issue 10): each a loop of kind "process" with its tasks, awaits, output and messages. */
export const PROCESS_CHECKS: Record<string, (run: TracedRunResult) => void> = {
  'message-payloads': (run) => {
    const { trace } = run;
    const counter = threadOf(trace, 'counter.js');
    // each payload by its shape, never its content; a transferred buffer by its size when it was sent
    expect(between(trace, 0, counter).map((m) => m.payload)).toEqual([
      { type: 'number', size: null },
      { type: 'string', size: 5 },
      { type: 'array', size: 3 },
      { type: 'object', size: 2 },
      { type: 'Map', size: 2 },
      { type: 'Set', size: 1 },
      { type: 'typed array', size: 16 },
      { type: 'ArrayBuffer', size: 8 },
      { type: 'SharedArrayBuffer', size: 32 },
      { type: 'Date', size: null },
      { type: 'null', size: null },
      { type: 'undefined', size: null },
      { type: 'bigint', size: null },
      { type: 'Error', size: null },
      { type: 'string', size: 3 },
    ]);
    expect(between(trace, counter, 0).map((m) => m.payload)).toEqual([{ type: 'number', size: null }]);
  },
  'message-uncloneable': (run) => {
    const { trace } = run;
    const echo = threadOf(trace, 'echo.js');
    // the post that threw sent nothing: two messages each way, each received, joined in order
    const sent = between(trace, 0, echo);
    const back = between(trace, echo, 0);
    expect(sent.map((m) => m.payload)).toEqual([{ type: 'string', size: 5 }, { type: 'string', size: 6 }]);
    expect([...sent, ...back].every((m) => m.to.task !== null)).toBe(true);
    expect(back).toHaveLength(2);
    for (let k = 0; k < 2; k++) expect(back[k].from.task, `answer ${k + 1} sent by the listener that got message ${k + 1}`).toBe(sent[k].to.task);
  },
  'fork-send': (run) => {
    const { trace } = run;
    const child = threadOf(trace, 'child.js');
    expect(trace.threads.find((t) => t.id === child)).toMatchObject({ kind: 'process', parent: 0, exitCode: 0 });
    const toChild = ipc(trace, 0, child, 'subprocess.send');
    const back = ipc(trace, child, 0, 'process.send');
    expect([toChild.length, back.length]).toEqual([4, 3]);
    // over IPC too, each message by its shape: {n} three times, then 'bye'; {doubled} back
    expect(toChild.map((m) => m.payload)).toEqual([...Array(3).fill({ type: 'object', size: 1 }), { type: 'string', size: 3 }]);
    expect(back.map((m) => m.payload)).toEqual(Array(3).fill({ type: 'object', size: 1 }));
    // the child's listener awaits (child.js line 3) in the nextTick task that received the message, answers after it
    const awaits = awaitsAt(trace, child, 'child.js:3');
    expect(awaits).toHaveLength(3);
    for (let k = 0; k < 3; k++) {
      expect(toChild[k].to.task, `message ${k + 1} received where the listener awaited`).toBe(awaits[k].suspendTask);
      expect(trace.tasks[toChild[k].to.task!].queue).toBe('nextTick');
      expect(back[k].from.task, `answer ${k + 1} sent after the await resumed`).toBe(awaits[k].resumeTask);
      // the parent's listener that got the answer sends the next message
      expect(toChild[k + 1].from.task).toBe(back[k].to.task);
      expect(trace.tasks[back[k].to.task!].queue).toBe('nextTick');
    }
    expect(toChild[3].to.task, "'bye' received").not.toBeNull();
    printedBy(trace, 'replies: [{"doubled":0},{"doubled":2},{"doubled":4}] child exit 0\n', 0);
    viewsShowLoops(trace);
  },
  'fork-exit-code': (run) => {
    const { trace } = run;
    const child = threadOf(trace, 'child.js');
    expect(trace.threads.find((t) => t.id === child)).toMatchObject({ kind: 'process', parent: 0, exitCode: 3 });
    printedBy(trace, 'child is done, exiting with 3\n', child);
    const [a] = awaitsAt(trace, child, 'child.js:2');
    expect(trace.output.find((o) => o.thread === child)?.task).toBe(a.resumeTask);
    printedBy(trace, 'child exit 3 null\n', 0);
    expect(trace.messages).toEqual([]);
    viewsShowLoops(trace);
  },
  'spawn-piped': (run) => {
    const { trace } = run;
    const child = threadOf(trace, 'child.js');
    expect(trace.threads.find((t) => t.id === child)).toMatchObject({ kind: 'process', parent: 0, exitCode: 0 });
    // its writes went to its parent's pipe, not to the program's stdout: each after an await (child.js line 3)
    expect(childLines(trace, child, true)).toEqual(['one\n', 'two\n', 'three\n']);
    const resumed = awaitsAt(trace, child, 'child.js:3').map((a) => a.resumeTask);
    expect(trace.output.filter((o) => o.thread === child).map((o) => o.task)).toEqual(resumed);
    printedBy(trace, 'ONE\nTWO\nTHREE\n', 0);
  },
  'execfile-node-script': (run) => {
    const { trace } = run;
    const children = processesOf(trace, 'child.mjs');
    expect(children.map((t) => [t.parent, t.exitCode])).toEqual([[0, 0], [0, 7]]);
    expect(childLines(trace, children[0].id, true)).toEqual(['5+4\n']);
    expect(childLines(trace, children[1].id, true)).toEqual([]);
    // top-level await of an ES module (child.mjs line 2) in each
    for (const c of children) expect(awaitsAt(trace, c.id, 'child.mjs:2')).toHaveLength(1);
  },
  'exec-shell-node': (run) => {
    const { trace } = run;
    // started through a shell: the child is the shell's, its loop's parent the loop that ran exec
    const child = threadOf(trace, 'child.js');
    expect(trace.threads.find((t) => t.id === child)).toMatchObject({ kind: 'process', parent: 0, exitCode: 0 });
    expect(childLines(trace, child, true)).toEqual(['6 squared is 36 undefined\n']);
    expect(awaitsAt(trace, child, 'child.js:3')[0].resumeTask).toBe(trace.output.find((o) => o.thread === child)!.task);
  },
  'fork-env': (run) => {
    const { trace } = run;
    const child = threadOf(trace, 'child.js');
    expect(trace.threads.find((t) => t.id === child)).toMatchObject({ kind: 'process', parent: 0, exitCode: 0 });
    // inherited stdout: the child's line is the program's output, tied to the child's loop
    expect(childLines(trace, child, false)).toHaveLength(1);
    const [a] = awaitsAt(trace, child, 'child.js:2');
    const [greeting] = ipc(trace, child, 0, 'process.send');
    expect(greeting.from.task).toBe(a.resumeTask);
    expect(trace.output.find((o) => o.text === 'parent got {"greeting":"hi"}\n')?.task).toBe(greeting.to.task);
  },
  'spawn-sync-node-script': (run) => {
    const { trace } = run;
    // spawnSync (stdin given), execFileSync returning its stdout, execFileSync inheriting stdio, execSync through a
    // shell, a failing execFileSync, then a spawnSync stopped by its timeout (a loop only if it got to start)
    const children = processesOf(trace, 'child.js');
    expect(children.slice(0, 5).map((t) => [t.parent, t.exitCode])).toEqual([[0, 0], [0, 0], [0, 0], [0, 0], [0, 5]]);
    expect(children.slice(5).map((t) => t.exitCode)).toEqual(children.length > 5 ? [undefined] : []);
    const [piped, returned, inherited, shell, failing] = children.map((t) => t.id);
    for (const [thread, mode] of [[piped, 'piped read "from the parent"'], [returned, 'returned'], [shell, 'shell']] as const) {
      expect(childLines(trace, thread, true)).toEqual([`child ${mode}\n`, `child ${mode.split(' ')[0]} to stderr\n`]);
    }
    expect(childLines(trace, failing, true)).toEqual(['child failing\n']);
    // stdio inherited: its lines are the program's own output, tied to the child's loop, written after its await
    // (child.js line 3) resumed
    expect(childLines(trace, inherited, false)).toEqual(['child inherited\n', 'child inherited to stderr\n']);
    const [a] = awaitsAt(trace, inherited, 'child.js:3');
    expect(trace.output.filter((o) => o.thread === inherited).map((o) => o.task)).toEqual([a.resumeTask, a.resumeTask]);
    // what a parent prints of its children's piped output is its own
    printedBy(trace, 'execFileSync: "child returned\\n"\n', 0);
    for (const c of children.slice(0, 5)) expect(awaitsAt(trace, c.id, 'child.js:3')).toHaveLength(1);
    expect(trace.messages).toEqual([]);
    viewsShowLoops(trace);
  },
  'node-eval-child': (run) => {
    const { trace } = run;
    // code from the command line has no file: each child is a loop without an entry, its code uninstrumented (as
    // eval'd code is), its tasks and output recorded all the same
    const children = trace.threads.filter((t) => t.kind === 'process');
    expect(children.map((t) => [t.parent, t.entry, t.exitCode])).toEqual([[0, null, 4], [0, null, 0], [0, null, 0], [0, null, 0]]);
    const [minusE, minusP, inherited, async] = children.map((t) => t.id);
    const queueOf = (thread: number) => trace.output.filter((o) => o.thread === thread).map((o) => trace.tasks[o.task!].queue);
    expect(childLines(trace, minusE, true)).toEqual(['eval child: one two a/b\n']);
    expect(queueOf(minusE), 'printed in the immediate its code set').toEqual(['immediate']);
    // -p prints the code's value as the child exits
    expect(childLines(trace, minusP, true)).toEqual(['42\n']);
    expect(childLines(trace, inherited, false)).toEqual(['inherited 5\n']);
    expect(queueOf(inherited), 'printed in the promise reaction its code made').toEqual(['microtask']);
    expect(childLines(trace, async, true)).toEqual(['ASYNC CHILD\n']);
    expect(queueOf(async), "printed in the stdin 'data' listener its code added").toEqual(['io']);
    expect(trace.coroutines.filter((c) => c.thread !== undefined)).toEqual([]);
    viewsShowLoops(trace);
  },
  'cluster-two-workers': (run) => {
    const { trace } = run;
    const workers = processesOf(trace, 'main.js');
    expect(workers.map((t) => [t.parent, t.exitCode])).toEqual([[0, 0], [0, 0]]);
    // cluster's own messages (listening, disconnect) are Node's, not the program's
    expect(trace.messages).toEqual([]);
    // four requests, each answered after the handler's await (main.js line 29) in one worker or the other
    expect(workers.flatMap((w) => awaitsAt(trace, w.id, 'main.js:29'))).toHaveLength(4);
    printedBy(trace, 'answer to /0 | answer to /1 | answer to /2 | answer to /3\n', 0);
    viewsShowLoops(trace);
  },
  'cluster-worker-messages': (run) => {
    const { trace } = run;
    const workers = processesOf(trace, 'main.js');
    expect(workers.map((t) => [t.parent, t.exitCode])).toEqual([[0, 0], [0, 0]]);
    for (const w of workers) {
      const [ready, answer, ...rest] = ipc(trace, w.id, 0, 'process.send');
      const [question, ...more] = ipc(trace, 0, w.id, 'subprocess.send');
      expect([rest, more]).toEqual([[], []]);
      // the question received where the worker's listener awaited (main.js line 24), the answer sent as it resumed
      const [a] = awaitsAt(trace, w.id, 'main.js:24');
      expect([question.to.task, answer.from.task]).toEqual([a.suspendTask, a.resumeTask]);
      expect(ready.to.task).not.toBeNull();
      expect(answer.to.task).not.toBeNull();
    }
    // both questions leave from the task in which the primary got the second 'ready'
    const questions = trace.messages.filter((m) => m.channel === 'subprocess.send');
    const readies = trace.messages.filter((m) => m.channel === 'process.send' && m.to.task !== null).slice(0, 2);
    expect(new Set(questions.map((m) => m.from.task)).size).toBe(1);
    expect(readies.map((m) => m.to.task)).toContain(questions[0].from.task);
    expect(summarize(trace)).toContain('messages    6 (process.send 4, subprocess.send 2)');
    // Node's own listener forwards cluster messages to the cluster Worker object: who listens there is not counted
    expect(trace.messages.filter((m) => m.dropped || m.replyListener)).toEqual([]);
  },
};

/** Checks for a traced run of a test/loops program that has them (its worker and child process programs). */
export function checkThreads(name: string, run: TracedRunResult): void {
  const check = THREAD_CHECKS[name] ?? PROCESS_CHECKS[name];
  if (!check) return;
  common(run);
  check(run);
}
