// The timeline's lanes: one per queue (the tasks it ran, as blocks) and one per coroutine (running, then each await as
// suspend -> wait -> resume). buildLanes counts x in steps; lanesInTime maps the same lanes onto microseconds (the
// tasks' recorded start times and durations), where awaits become waits spanning time. Spans in a lane never overlap
// and are sorted, so the view finds what is visible with a binary search and stays fluid on 100k-step traces.
import { QUEUE_INFO, LOOP_ORDER } from './queues';
import { callStackAt } from './timeline';
import { loopShortName } from './loops';
import { lowerBound } from './stepping';
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
  /** the event loop (thread or process) whose queue it is; 0 in a trace of one loop */
  thread: number;
  label: string;
  spans: TaskSpan[];
  /** a collapsed loop: every task of the loop in this one lane (each drawn in its own queue's colour) */
  collapsed?: true;
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


/** The coroutine whose code called each coroutine (the nearest coroutine frame under its call), or -1. */
export function parentCoroutines(trace: Trace): number[] {
  return trace.coroutines.map((c) => {
    const frames = callStackAt(trace, c.startStep);
    for (let i = frames.length - 1; i >= 0; i--) if (frames[i].coroutine >= 0 && frames[i].coroutine !== c.id) return frames[i].coroutine;
    return -1;
  });
}

/**
 * The name of each coroutine's lane. A coroutine called by nobody else, in a task that delivered an incoming HTTP
 * request, handled that request: it is named after it in order of arrival (`GET /visit #1` when every request sent
 * was the same, `request #1` otherwise, since the trace cannot tell which differing request arrived first), and the
 * coroutines it called are named under it (`GET /visit #1 › load`) and listed after it. Anything else keeps its own
 * name and place (call order).
 */
export function laneNames(trace: Trace): { names: string[]; order: number[] } {
  const parents = parentCoroutines(trace);
  const sent = trace.program.requests ?? [];
  const same = sent.length > 0 && sent.every((r) => r.method === sent[0].method && r.path === sent[0].path);
  const names = trace.coroutines.map((c) => c.name);
  const roots = new Map<number, string>();
  let arrived = 0;
  for (const c of [...trace.coroutines].sort((a, b) => a.startStep - b.startStep)) {
    if (parents[c.id] !== -1 || trace.tasks[c.startTask]?.resourceType !== 'HTTPINCOMINGMESSAGE') continue;
    arrived++;
    roots.set(c.id, same ? `${sent[0].method} ${sent[0].path} #${arrived}` : `request #${arrived}`);
  }
  const rootOf = (id: number): number => {
    const seen = new Set<number>();
    while (parents[id] !== -1 && !seen.has(id)) {
      seen.add(id);
      id = parents[id];
    }
    return id;
  };
  const rootStep = trace.coroutines.map((c) => c.startStep);
  for (const c of trace.coroutines) {
    const root = rootOf(c.id);
    const request = roots.get(root);
    if (request === undefined) continue;
    names[c.id] = root === c.id ? request : `${request} › ${c.name.replace(/#\d+$/, '')}`;
    rootStep[c.id] = trace.coroutines[root].startStep;
  }
  const order = trace.coroutines.map((c) => c.id).sort((a, b) => rootStep[a] - rootStep[b] || a - b);
  return { names, order };
}

/** The key of a queue lane: its loop and its queue. */
export const queueLaneKey = (thread: number | undefined, queue: QueueName): string => `${thread ?? 0}:${queue}`;


/**
 * Queue lanes (only queues that ran something) in event-loop phase order, then one lane per coroutine. With several
 * event loops: each loop's queue lanes together (in the order of `threads`), labelled with the loop, and each
 * coroutine lane labelled with its loop; a loop in `collapsed` has one lane for all its tasks and no coroutine lanes.
 */
export function buildLanes(trace: Trace, collapsed: ReadonlySet<number> = new Set()): Lane[] {
  const { names, order } = laneNames(trace);
  const last = Math.max(0, trace.steps.length - 1);
  const several = trace.threads.length > 1;
  const byQueue = new Map<string, TaskSpan[]>();
  for (const t of trace.tasks) {
    if (t.startStep < 0 || t.endStep < t.startStep) continue;
    const key = queueLaneKey(t.thread, t.queue);
    let spans = byQueue.get(key);
    if (!spans) byQueue.set(key, (spans = []));
    spans.push({ task: t.id, from: t.startStep, to: t.endStep });
  }
  const lanes: Lane[] = [];
  for (const { id: thread } of trace.threads) {
    if (collapsed.has(thread)) {
      const ran = LOOP_ORDER.filter((q) => byQueue.has(queueLaneKey(thread, q)));
      if (!ran.length) continue;
      const spans = ran.flatMap((q) => byQueue.get(queueLaneKey(thread, q))!).sort((a, b) => a.from - b.from);
      lanes.push({ kind: 'queue', queue: ran[0], thread, label: `${loopShortName(trace, thread)} · all queues`, spans, collapsed: true });
      continue;
    }
    for (const q of LOOP_ORDER) {
      const spans = byQueue.get(queueLaneKey(thread, q));
      if (!spans) continue;
      const label = several ? `${loopShortName(trace, thread)} · ${QUEUE_INFO[q].lane}` : QUEUE_INFO[q].lane;
      lanes.push({ kind: 'queue', queue: q, thread, label, spans: spans.sort((a, b) => a.from - b.from) });
    }
  }
  const threadRank = new Map(trace.threads.map((t, i) => [t.id, i]));
  const coroutineOrder = several ? [...order].sort((a, b) => (threadRank.get(trace.coroutines[a].thread ?? 0) ?? 0) - (threadRank.get(trace.coroutines[b].thread ?? 0) ?? 0)) : order;
  for (const c of coroutineOrder.map((id) => trace.coroutines[id])) {
    if (collapsed.has(c.thread ?? 0)) continue;
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
    const label = several ? `${loopShortName(trace, c.thread)} · ${names[c.id]}` : names[c.id];
    lanes.push({ kind: 'coroutine', coroutine: c.id, label, spans, waits, finished: c.endStep !== null });
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

/**
 * Intervals [lo, hi] (in any order, any lengths) found by the ones that meet a window, without looking at the
 * others: sorted by lo, a window [from, to] holds those with lo in [from - longest, to] and hi >= from.
 */
export class IntervalIndex {
  private readonly order: Int32Array;
  private readonly los: Float64Array;
  private readonly longest: number;

  constructor(lo: ArrayLike<number>, private readonly hi: ArrayLike<number>) {
    const n = lo.length;
    this.order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => lo[a] - lo[b] || a - b);
    this.los = Float64Array.from(this.order, (i) => lo[i]);
    let longest = 0;
    for (let i = 0; i < n; i++) longest = Math.max(longest, hi[i] - lo[i]);
    this.longest = longest;
  }

  /** The intervals that meet [from, to], by their index, in the order of their lo. */
  meeting(from: number, to: number): number[] {
    const out: number[] = [];
    for (let k = lowerBound(this.los, from - this.longest); k < this.los.length && this.los[k] <= to; k++) {
      const i = this.order[k];
      if (this.hi[i] >= from) out.push(i);
    }
    return out;
  }
}

/** Where steps sit in time: microseconds since the first task started, from the tasks' start times and durations. */
export class TimeAxis {
  /** time of the first task's start (microseconds since the program started) */
  readonly t0: number;
  /** the end of the last task, in microseconds after t0 */
  readonly end: number;
  /** the tasks that ran, in execution order (their start times do not decrease) */
  private readonly ran: Trace['tasks'];

  constructor(private readonly trace: Trace) {
    this.ran = trace.tasks.filter((t) => t.startStep >= 0 && t.endStep >= t.startStep);
    this.t0 = this.ran.length ? this.ran[0].startTime : 0;
    let end = 0;
    for (const t of this.ran) end = Math.max(end, t.startTime + Math.max(0, t.duration) - this.t0);
    this.end = Math.max(1, end);
  }

  /** When `step` began: its task's start, plus its share of the task's duration (steps inside a task are not timed). */
  stepTime(step: number, after = false): number {
    const s = this.trace.steps[step];
    const t = s ? this.trace.tasks[s.task] : undefined;
    if (!t || t.startStep < 0) return 0;
    const n = Math.max(1, t.endStep - t.startStep + 1);
    const k = Math.min(n, Math.max(0, step - t.startStep + (after ? 1 : 0)));
    return t.startTime - this.t0 + (Math.max(0, t.duration) * k) / n;
  }

  /** The step running at `time` (between tasks: the last step of the task before). */
  stepAt(time: number): number {
    const ran = this.ran;
    if (!ran.length) return 0;
    let lo = 0;
    let hi = ran.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ran[mid].startTime - this.t0 <= time) lo = mid;
      else hi = mid - 1;
    }
    const t = ran[lo];
    const into = time - (t.startTime - this.t0);
    if (into <= 0) return t.startStep;
    if (into >= t.duration) return t.endStep;
    return Math.min(t.endStep, t.startStep + Math.floor((into / t.duration) * (t.endStep - t.startStep + 1)));
  }
}

/** Keep spans sorted and apart after mapping them to time (a task's recorded start may precede the last one's end). */
function apart<T extends Span>(spans: T[]): T[] {
  let prev = -Infinity;
  for (const s of spans) {
    s.from = Math.max(s.from, prev);
    s.to = Math.max(s.to, s.from);
    prev = s.to;
  }
  return spans;
}

/**
 * The same lanes with x in microseconds after axis.t0: a task spans its recorded duration; a coroutine runs from the
 * time of its call or resumption to its next await; an await waits from the moment it suspended to the start of the
 * task that resumed it (or the end of the run). Lanes and waits keep their order and indices.
 */
export function lanesInTime(trace: Trace, lanes: readonly Lane[], axis: TimeAxis): Lane[] {
  return lanes.map((l): Lane => {
    if (l.kind === 'queue') {
      return {
        ...l,
        spans: apart(l.spans.map((s) => {
          const t = trace.tasks[s.task];
          const from = t.startTime - axis.t0;
          return { task: s.task, from, to: from + Math.max(0, t.duration) };
        })),
      };
    }
    return {
      ...l,
      spans: apart(l.spans.map((s) => ({ from: axis.stepTime(s.from), to: axis.stepTime(s.to, true) }))),
      waits: apart(l.waits.map((w) => {
        const resumedBy = w.resumed ? trace.tasks[trace.steps[w.to]?.task ?? -1] : undefined;
        return { ...w, from: axis.stepTime(w.from, true), to: resumedBy ? resumedBy.startTime - axis.t0 : axis.end };
      })),
    };
  });
}
