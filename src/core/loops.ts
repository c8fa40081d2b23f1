// A program's event loops (its main thread, workers, child processes) and the messages between them, as the views
// name them.
import { describePayload } from './raw-events';
import type { Message, Trace } from './trace-format';

/** A loop's name: "worker 2 (square.js)", "process 1 (child.js)", "main". */
export function loopName(trace: Trace, thread: number | undefined): string {
  return trace.threads.find((x) => x.id === (thread ?? 0))?.name ?? `loop ${thread ?? 0}`;
}

/** A loop's short name for lane labels: "worker 2", "process 1", "main" (without the file it runs). */
export function loopShortName(trace: Trace, thread: number | undefined): string {
  return loopName(trace, thread).replace(/\s*\(.*\)$/, '');
}

const received = new WeakMap<Trace, Map<number, Message[]>>();

/** The messages whose listeners ran in task `task` (indexed once per trace). */
export function messagesInto(trace: Trace, task: number): Message[] {
  let byTask = received.get(trace);
  if (!byTask) {
    byTask = new Map();
    for (const m of trace.messages) {
      if (m.to.task === null) continue;
      const list = byTask.get(m.to.task);
      if (list) list.push(m);
      else byTask.set(m.to.task, [m]);
    }
    received.set(trace, byTask);
  }
  return byTask.get(task) ?? [];
}

/** One message in a sentence: its channel, its payload's shape, and its two ends. */
export function describeMessage(trace: Trace, m: Message): string {
  const end = (e: { thread: number; task: number | null }) => `task ${e.task} on ${loopShortName(trace, e.thread)}`;
  const what = m.payload ? `: ${describePayload(m.payload)}` : '';
  return `${m.channel}${what}, sent by ${end(m.from)}, received by ${m.to.task === null ? `nobody on ${loopShortName(trace, m.to.thread)}` : end(m.to)}`;
}

/**
 * Why a task that received messages from other loops ran, in one sentence (empty when it received none): Node runs a
 * port's listeners in the poll phase, as for finished I/O, and emits an IPC message in a nextTick callback.
 */
export function whyReceived(trace: Trace, task: number): string {
  const got = messagesInto(trace, task);
  if (!got.length) return '';
  const phase = trace.tasks[task]?.queue === 'nextTick' ? 'in a nextTick callback, as it does for every IPC message' : 'in the poll phase, as it does for finished I/O';
  const what = got.length === 1 ? `A message from another loop arrived (${describeMessage(trace, got[0])})` : `${got.length} messages from other loops arrived (the first: ${describeMessage(trace, got[0])})`;
  return `${what}; Node runs the listeners ${phase}.`;
}
