// A Chrome trace-event file (opens in Perfetto and chrome://tracing): tasks as slices on one track per queue,
// coroutines as async slices from call to finish, and flow arrows from where a task was scheduled to where it ran.
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

const PID = 1;

export function toPerfetto(trace: Trace): { traceEvents: TraceEvent[]; displayTimeUnit: string } {
  const events: TraceEvent[] = [];
  const tid = (queue: string) => QUEUES.indexOf(queue as (typeof QUEUES)[number]) + 1;
  events.push({ name: 'process_name', ph: 'M', pid: PID, args: { name: `${trace.program.entry} (Node ${trace.program.node})` } });
  for (const q of QUEUES) {
    events.push({ name: 'thread_name', ph: 'M', pid: PID, tid: tid(q), args: { name: q === 'main' ? 'main script' : `${q} callbacks` } });
    events.push({ name: 'thread_sort_index', ph: 'M', pid: PID, tid: tid(q), args: { sort_index: tid(q) } });
  }
  for (const t of trace.tasks) {
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
  for (const c of trace.coroutines) {
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
