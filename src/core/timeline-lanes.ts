// The timeline's lanes: one per queue (the tasks it ran, as blocks) and one per coroutine (running, then each await as
// suspend -> wait -> resume). x is the step index, not wall time. Spans in a lane never overlap and are sorted, so the
// view finds what is visible with a binary search and stays fluid on 100k-step traces.
import { QUEUE_INFO, LOOP_ORDER } from './queues';
import type { Trace, QueueName } from './trace-format';

export interface Span {
  /** first step, inclusive */
  from: number;
  /** last step, inclusive */
  to: number;
}

export interface TaskSpan extends Span {
  task: number;
}

export interface WaitSpan extends Span {
  /** index into the coroutine's awaits */
  await: number;
  /** false when the coroutine never resumed (the span runs to the end of the trace) */
  resumed: boolean;
}

export interface QueueLane {
  kind: 'queue';
  queue: QueueName;
  label: string;
  spans: TaskSpan[];
}

export interface CoroutineLane {
  kind: 'coroutine';
  coroutine: number;
  label: string;
  /** when its code was on the stack (between the call or a resumption and the next await or the end) */
  spans: Span[];
  waits: WaitSpan[];
  /** false when it never returned or threw */
  finished: boolean;
}

export type Lane = QueueLane | CoroutineLane;


/** Queue lanes (only queues that ran something) in event-loop phase order, then one lane per coroutine. */
export function buildLanes(trace: Trace): Lane[] {
  const last = Math.max(0, trace.steps.length - 1);
  const byQueue = new Map<QueueName, TaskSpan[]>();
  for (const t of trace.tasks) {
    if (t.startStep < 0 || t.endStep < t.startStep) continue;
    let spans = byQueue.get(t.queue);
    if (!spans) byQueue.set(t.queue, (spans = []));
    spans.push({ task: t.id, from: t.startStep, to: t.endStep });
  }
  const lanes: Lane[] = [];
  for (const q of LOOP_ORDER) {
    const spans = byQueue.get(q);
    if (spans) lanes.push({ kind: 'queue', queue: q, label: QUEUE_INFO[q].lane, spans: spans.sort((a, b) => a.from - b.from) });
  }
  for (const c of trace.coroutines) {
    const spans: Span[] = [];
    const waits: WaitSpan[] = [];
    let runFrom: number | null = c.startStep;
    const awaits = c.awaits.map((a, i) => ({ a, i })).sort((x, y) => x.a.suspendStep - y.a.suspendStep);
    for (const { a, i } of awaits) {
      if (runFrom !== null && a.suspendStep >= runFrom) spans.push({ from: runFrom, to: a.suspendStep });
      const resumed = a.resumeStep !== null;
      waits.push({ await: i, from: a.suspendStep, to: resumed ? (a.resumeStep as number) : last, resumed });
      runFrom = resumed ? (a.resumeStep as number) : null;
    }
    const end = c.endStep ?? last;
    if (runFrom !== null && end >= runFrom) spans.push({ from: runFrom, to: end });
    lanes.push({ kind: 'coroutine', coroutine: c.id, label: c.name, spans, waits, finished: c.endStep !== null });
  }
  return lanes;
}

/** Index of the first span that ends at or after `step` (spans sorted and not overlapping). */
export function firstSpanFrom(spans: readonly Span[], step: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].to < step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The spans that intersect [from, to], without scanning the whole lane. */
export function spansIn<T extends Span>(spans: readonly T[], from: number, to: number): T[] {
  const out: T[] = [];
  for (let i = firstSpanFrom(spans, from); i < spans.length && spans[i].from <= to; i++) out.push(spans[i]);
  return out;
}
