// A Chrome trace-event file (opens in Perfetto and chrome://tracing): one process per event loop (the main thread,
// each worker), tasks as slices on one track per queue, coroutines as async slices from call to finish, flow arrows
// from where a task was scheduled to where it ran, and from the task that sent a message to the one that received it.
import { QUEUES, type Trace } from './trace-format';

interface TraceEvent {
  name: string;
  ph: string;
  ts?: number;
  dur?: number;
  pid: number;
  tid?: number;
  id?: number | string;
  cat?: string;
  bp?: string;
  args?: Record<string, unknown>;
}

export function toPerfetto(trace: Trace): { traceEvents: TraceEvent[]; displayTimeUnit: string } {
  const events: TraceEvent[] = [];
  const tid = (queue: string) => QUEUES.indexOf(queue as (typeof QUEUES)[number]) + 1;
  // the main thread is process 1, each worker the next one
  const pids = new Map(trace.threads.map((t, i) => [t.id, i + 1]));
  const pidOf = (x: { thread?: number } | undefined) => pids.get(x?.thread ?? 0) ?? 1;
  for (const thread of trace.threads) {
    const pid = pids.get(thread.id)!;
    const name = thread.kind === 'main' ? `${trace.program.entry} (Node ${trace.program.node})` : `${thread.name}${thread.entry ? `: ${thread.entry}` : ''}`;
    events.push({ name: 'process_name', ph: 'M', pid, args: { name } });
    events.push({ name: 'process_sort_index', ph: 'M', pid, args: { sort_index: pid } });
    for (const q of QUEUES) {
      events.push({ name: 'thread_name', ph: 'M', pid, tid: tid(q), args: { name: q === 'main' ? 'main script' : `${q} callbacks` } });
      events.push({ name: 'thread_sort_index', ph: 'M', pid, tid: tid(q), args: { sort_index: tid(q) } });
    }
  }
  for (const t of trace.tasks) {
    const PID = pidOf(t);
    const where = t.source ? `${t.source.file}:${t.source.line}` : undefined;
    events.push({
      name: t.label,
      cat: t.internal ? 'node-internal' : t.queue,
      ph: 'X',
      ts: t.startTime,
      // zero-length slices vanish in the viewer; a microsecond keeps every task visible
      dur: Math.max(1, t.duration),
      pid: PID,
      tid: tid(t.queue),
      args: { task: t.id, queue: t.queue, ...(where ? { scheduledAt: where } : {}), ...(t.scheduledBy !== null ? { scheduledBy: t.scheduledBy } : {}) },
    });
    if (t.scheduledBy !== null) {
      // flow: from the scheduling task's slice to this one
      const from = trace.tasks[t.scheduledBy];
      events.push({ name: 'scheduled', cat: 'flow', ph: 's', id: t.id, ts: from.startTime, pid: PID, tid: tid(from.queue) });
      events.push({ name: 'scheduled', cat: 'flow', ph: 'f', bp: 'e', id: t.id, ts: t.startTime, pid: PID, tid: tid(t.queue) });
    }
  }
  for (const m of trace.messages) {
    const from = trace.tasks[m.from.task];
    const to = m.to.task !== null ? trace.tasks[m.to.task] : null;
    if (!from || !to) continue;
    const id = `message-${m.id}`;
    events.push({ name: m.channel, cat: 'message', ph: 's', id, ts: from.startTime, pid: pidOf(from), tid: tid(from.queue) });
    events.push({ name: m.channel, cat: 'message', ph: 'f', bp: 'e', id, ts: Math.max(to.startTime, from.startTime), pid: pidOf(to), tid: tid(to.queue) });
  }
  for (const c of trace.coroutines) {
    const PID = pidOf(c);
    const start = trace.tasks[c.startTask]?.startTime ?? 0;
    const endTask = c.endStep !== null ? trace.steps[c.endStep]?.task : undefined;
    const end = endTask !== undefined ? trace.tasks[endTask].startTime + trace.tasks[endTask].duration : start;
    const id = `coroutine-${c.id}`;
    events.push({ name: c.name, cat: 'coroutine', ph: 'b', id, ts: start, pid: PID, args: { source: `${c.source.file}:${c.source.line}` } });
    for (const a of c.awaits) {
      const from = trace.tasks[a.suspendTask];
      const to = a.resumeTask !== null ? trace.tasks[a.resumeTask] : null;
      events.push({ name: `await line ${a.source.line}`, cat: 'coroutine', ph: 'n', id, ts: from.startTime + from.duration, pid: PID });
      if (to) events.push({ name: `resume line ${a.source.line}`, cat: 'coroutine', ph: 'n', id, ts: to.startTime, pid: PID });
    }
    events.push({ name: c.name, cat: 'coroutine', ph: 'e', id, ts: Math.max(start, end), pid: PID });
  }
  return { traceEvents: events, displayTimeUnit: 'ms' };
}
