// What the event loop looked like at one step: the call stack, the contents of every queue, and what entered or
// left them. Shared by the CLI's HTML report and the VS Code panel.
import type { Trace, QueueItem, QueueName, SourceSite, Step } from './trace-format';
import { fileName } from './paths';
import { QUEUE_INFO, WHY_RESUME } from './queues';
import { whyReceived } from './loops';
import { lowerBound, upperBound } from './stepping';

export interface StackFrame {
  name: string;
  source: SourceSite | null;
  coroutine: number;
  step: number;
}

export interface LoopState {
  step: number;
  task: number;
  stack: StackFrame[];
  queues: Record<Exclude<QueueName, 'main'>, QueueItem[]>;
  entered: QueueItem[];
  left: QueueItem[];
}

export const VIEW_QUEUES = ['nextTick', 'microtask', 'timer', 'immediate', 'io', 'close', 'other'] as const;

/**
 * Index of queue items by the steps at which they enter and leave, built once per trace, so that what a view does at
 * a step costs time in proportion to what is queued there, not to the trace's length: the items queued at every
 * `every`-th step are kept (checkpoints), and a step's contents are its checkpoint's, less what left since, plus
 * what entered since.
 */
export class QueueIndex {
  /** items by the step they entered at (then id), and those steps, parallel */
  private readonly byEnter: QueueItem[];
  private readonly enterSteps: Int32Array;
  private readonly byLeave: QueueItem[];
  private readonly leaveSteps: Int32Array;
  /** steps between checkpoints */
  private every: number;
  /** checkpoint k: positions in byEnter of the items queued after step k * every, in byEnter order */
  private checkpoints: Int32Array[] = [];

  constructor(
    readonly trace: Trace,
    every = 256,
  ) {
    this.every = every;
    this.byEnter = [...trace.queueItems].sort((a, b) => a.enterStep - b.enterStep || a.id - b.id);
    this.enterSteps = Int32Array.from(this.byEnter, (i) => i.enterStep);
    this.byLeave = trace.queueItems.filter((i) => i.leaveStep !== null).sort((a, b) => a.leaveStep! - b.leaveStep! || a.id - b.id);
    this.leaveSteps = Int32Array.from(this.byLeave, (i) => i.leaveStep!);
    // a trace whose queues stay long costs memory at every checkpoint: space the checkpoints out until they fit
    while (!this.buildCheckpoints(8_000_000)) this.every *= 4;
  }

  private buildCheckpoints(budget: number): boolean {
    const steps = this.trace.steps.length;
    this.checkpoints = [];
    let alive = new Int32Array(0);
    let next = 0;
    let total = 0;
    for (let k = 0; k * this.every < Math.max(steps, 1); k++) {
      const at = k * this.every;
      const kept: number[] = [];
      for (const p of alive) if (this.queuedAfter(this.byEnter[p], at)) kept.push(p);
      for (; next < this.byEnter.length && this.enterSteps[next] <= at; next++) if (this.queuedAfter(this.byEnter[next], at)) kept.push(next);
      alive = Int32Array.from(kept);
      this.checkpoints.push(alive);
      total += alive.length;
      if (total > budget) return false;
    }
    return true;
  }

  private queuedAfter(item: QueueItem, step: number): boolean {
    return item.enterStep <= step && (item.leaveStep === null || item.leaveStep > step);
  }

  /** Items queued after `step` happened (entered at or before it, not yet left), in the order they entered. */
  queuedAt(step: number): QueueItem[] {
    const k = Math.min(Math.floor(Math.max(step, 0) / this.every), this.checkpoints.length - 1);
    const out: QueueItem[] = [];
    if (k < 0) return out;
    for (const p of this.checkpoints[k]) if (this.queuedAfter(this.byEnter[p], step)) out.push(this.byEnter[p]);
    const end = upperBound(this.enterSteps, step);
    for (let p = upperBound(this.enterSteps, k * this.every); p < end; p++) if (this.queuedAfter(this.byEnter[p], step)) out.push(this.byEnter[p]);
    return out;
  }

  /** Items that entered a queue at a step from `from` to `to` (inclusive), in the order they entered. */
  enteredBetween(from: number, to: number): QueueItem[] {
    return this.byEnter.slice(lowerBound(this.enterSteps, from), upperBound(this.enterSteps, to));
  }

  /** Items that left their queue at `step` (their callback started). */
  leftAt(step: number): QueueItem[] {
    return this.byLeave.slice(lowerBound(this.leaveSteps, step), upperBound(this.leaveSteps, step));
  }
}

const indexes = new WeakMap<Trace, QueueIndex>();
export function queueIndexOf(trace: Trace): QueueIndex {
  let idx = indexes.get(trace);
  if (!idx) {
    idx = new QueueIndex(trace);
    indexes.set(trace, idx);
  }
  return idx;
}

function frameName(trace: Trace, s: Step): string {
  if (s.coroutine >= 0) return trace.coroutines[s.coroutine]?.name ?? 'coroutine';
  const site = trace.sites[s.site];
  if (!site) return '(callback)';
  if (site.kind === 'module') return `module ${fileName(site.file)}`;
  return site.name ?? '<anonymous>';
}

/** The call stack after `step`, innermost last, rebuilt from the task's call and resume steps. */
export function callStackAt(trace: Trace, step: number): StackFrame[] {
  const s = trace.steps[step];
  if (!s) return [];
  const task = trace.tasks[s.task];
  const start = task ? task.startStep : 0;
  let need = s.depth;
  const frames: StackFrame[] = [];
  for (let i = step; i >= start && need > 0; i--) {
    const c = trace.steps[i];
    if ((c.kind === 'call' || c.kind === 'resume') && c.depth === need) {
      const site = trace.sites[c.site];
      frames.push({ name: frameName(trace, c), source: site && site.line > 0 ? { file: site.file, line: site.line, column: site.column } : null, coroutine: c.coroutine, step: i });
      need--;
    }
  }
  return frames.reverse();
}

export function stateAt(trace: Trace, step: number): LoopState {
  const clamped = Math.max(0, Math.min(step, trace.steps.length - 1));
  const index = queueIndexOf(trace);
  const queued = index.queuedAt(clamped);
  const queues = Object.fromEntries(VIEW_QUEUES.map((q) => [q, [] as QueueItem[]])) as LoopState['queues'];
  for (const item of queued) if (item.queue !== 'main') queues[item.queue].push(item);
  for (const q of VIEW_QUEUES) {
    // timers leave in due order; everything else is FIFO
    if (q === 'timer') queues[q].sort((a, b) => (a.due ?? 0) - (b.due ?? 0) || a.enterStep - b.enterStep);
  }
  const entered = index.enteredBetween(clamped, clamped);
  const left = index.leftAt(clamped);
  return { step: clamped, task: trace.steps[clamped]?.task ?? -1, stack: callStackAt(trace, clamped), queues, entered, left };
}

/** Why a task ran when it did, in one plain sentence naming the rule. */
export function whyThisRan(trace: Trace, taskId: number): string {
  const t = trace.tasks[taskId];
  if (!t) return '';
  if (t.queue === 'microtask' && t.resumes !== undefined) return WHY_RESUME;
  return whyReceived(trace, taskId) || QUEUE_INFO[t.queue].why;
}

/**
 * The short note shown after the current step's line in the editor. `shown` is the step's number as the panel shows
 * it (its stops count from 1); without it the recorded step is counted.
 */
export function stepNote(trace: Trace, step: number, shown?: { number: number; total: number }): string {
  const s = trace.steps[step];
  if (!s) return '';
  const where = shown ? `step ${shown.number}/${shown.total}` : `step ${step + 1}/${trace.steps.length}`;
  if (s.kind === 'await' && s.coroutine >= 0) {
    const c = trace.coroutines[s.coroutine];
    const a = c?.awaits.find((w) => w.suspendStep === step);
    if (a) {
      if (a.resumeTask === null) return `${where} · await: ${c.name} suspended and never resumed`;
      const t = trace.tasks[a.resumeTask];
      return `${where} · await: ${c.name} suspended; resumes in ${t.queue} task #${t.id}`;
    }
  }
  if (s.kind === 'resume' && s.coroutine >= 0) return `${where} · ${trace.coroutines[s.coroutine]?.name ?? 'coroutine'} resumed in ${trace.tasks[s.task]?.queue ?? '?'} task #${s.task}`;
  return `${where} · ${s.text}`;
}
