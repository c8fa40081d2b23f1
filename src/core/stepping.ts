// Where the viewer's controls move the current step: by step, by task, by await, and which output and source belong to
// a step. Pure functions over a trace, shared by the HTML report and the VS Code panel.
import type { Trace, SourceSite, Output } from './trace-format';
import { fileName } from './paths';

/** How the step controls cut a trace into stops. */
export interface StepMode {
  /** every recorded step is a stop (calls and returns too); otherwise a stop is one thing a person would name */
  detailed: boolean;
  /** step through the tasks Node runs for its own APIs; otherwise each run of them is one stop */
  internals: boolean;
}

/**
 * Indexes built once per trace so every move is a binary search, even for 100k-step traces.
 *
 * The controls move between stops. A stop is a range of recorded steps shown at its last one. By default (not
 * `detailed`) a stop is one event a person would name: a line prints, an await suspends, a job enters a queue, a
 * promise settles. Calls and returns of the user's functions fold into the event that follows them, and a callback
 * starting folds into its first event ("the then callback runs and prints ..."), so the callback is on the stack when
 * the stop shows it. Unless `internals` is on, a run of consecutive internal tasks (Node's own work, no user code) is
 * one stop too.
 */
export class StepIndex {
  /** steps whose kind is 'await', ascending */
  readonly awaitSteps: number[] = [];
  /** output sorted by step (stable) */
  readonly output: Output[];
  /** for each output entry, its index in trace.output */
  readonly outputOrder: number[];
  private current: StepMode = { detailed: false, internals: false };
  /** for steps inside a run of internal tasks: the run's first and last step; -1 elsewhere */
  private readonly runStart: Int32Array;
  private readonly runEnd: Int32Array;
  /** the last step of each stop, ascending */
  private ends: Int32Array = new Int32Array(0);
  /** for each step, the index of the stop it belongs to */
  private stopIndex: Int32Array;

  constructor(
    readonly trace: Trace,
    mode: Partial<StepMode> = {},
  ) {
    const n = trace.steps.length;
    this.runStart = new Int32Array(n).fill(-1);
    this.runEnd = new Int32Array(n).fill(-1);
    this.stopIndex = new Int32Array(n);
    let start = -1;
    trace.steps.forEach((s, i) => {
      if (s.kind === 'await') this.awaitSteps.push(i);
      if (trace.tasks[s.task]?.internal) {
        if (start < 0) start = i;
        this.runStart[i] = start;
      } else start = -1;
    });
    for (let i = n - 1, end = -1; i >= 0; i--) {
      if (this.runStart[i] < 0) end = -1;
      else {
        if (end < 0) end = i;
        this.runEnd[i] = end;
      }
    }
    this.outputOrder = trace.output.map((_, i) => i).sort((a, b) => trace.output[a].step - trace.output[b].step || a - b);
    this.output = this.outputOrder.map((i) => trace.output[i]);
    this.setMode(mode);
  }

  get mode(): StepMode {
    return { ...this.current };
  }

  /** Whether runs of Node's internal tasks are folded into one stop each. */
  get folded(): boolean {
    return !this.current.internals;
  }

  /** Change how the trace is cut into stops (O(steps)). */
  setMode(mode: Partial<StepMode>): void {
    this.current = { ...this.current, ...mode };
    const { trace } = this;
    const n = trace.steps.length;
    const sig = new Uint8Array(n);
    for (let i = 0; i < n; i++) sig[i] = this.significant(i) ? 1 : 0;
    if (!this.current.detailed) {
      // a callback starting is shown with its first event, when it has one
      for (const t of trace.tasks) {
        const i = t.startStep;
        if (i <= 0 || i >= n || !sig[i] || (this.runStart[i] >= 0 && this.folded)) continue;
        const kind = trace.steps[i].kind;
        if (kind !== 'run' && kind !== 'resume') continue;
        for (let j = i + 1; j <= Math.min(t.endStep, n - 1); j++) {
          if (sig[j]) {
            sig[i] = 0;
            break;
          }
        }
      }
    }
    const ends: number[] = [];
    for (let i = 0; i < n; i++) {
      this.stopIndex[i] = ends.length;
      if (sig[i]) ends.push(i);
    }
    // steps after the last event (returns) belong to the last stop
    if (n > 0) {
      if (ends.length === 0) ends.push(n - 1);
      else ends[ends.length - 1] = n - 1;
      for (let i = n - 1; i >= 0 && this.stopIndex[i] >= ends.length; i--) this.stopIndex[i] = ends.length - 1;
    }
    this.ends = Int32Array.from(ends);
  }

  /** Is step `i` the end of a stop in the current mode (before merging a callback's start with its first event)? */
  private significant(i: number): boolean {
    if (i === 0) return true;
    if (this.folded && this.runStart[i] >= 0) return this.runEnd[i] === i;
    if (this.current.detailed) return true;
    const kind = this.trace.steps[i].kind;
    return kind !== 'call' && kind !== 'return';
  }

  get lastStep(): number {
    return Math.max(0, this.trace.steps.length - 1);
  }

  /** How many stops the trace has in the current mode. */
  get stopCount(): number {
    return this.ends.length;
  }

  /** The 1-based number of the stop `step` belongs to: the step number people see, everywhere. */
  stepNumber(step: number): number {
    if (this.trace.steps.length === 0) return 0;
    return this.stopIndex[this.clamp(step)] + 1;
  }

  /** The step a stop (0-based) is shown at. */
  stopEnd(stop: number): number {
    if (this.ends.length === 0) return 0;
    return this.ends[Math.max(0, Math.min(Math.round(stop), this.ends.length - 1))];
  }

  /** The recorded steps of the stop `step` belongs to. */
  stopRange(step: number): { from: number; to: number } {
    if (this.ends.length === 0) return { from: 0, to: 0 };
    const k = this.stopIndex[this.clamp(step)];
    return { from: k > 0 ? this.ends[k - 1] + 1 : 0, to: this.ends[k] };
  }

  /**
   * The steps worth naming in the stop `step` belongs to, up to `step`: what a headline says happened (calls and
   * returns, and Node's folded work, are left out unless the mode shows them).
   */
  eventsAt(step: number): number[] {
    const at = this.clamp(step);
    const { from } = this.stopRange(at);
    const out: number[] = [];
    for (let i = from; i <= at; i++) {
      const kind = this.trace.steps[i]?.kind;
      if (!kind) continue;
      if (this.folded && this.runStart[i] >= 0) continue;
      if (!this.current.detailed && (kind === 'call' || kind === 'return')) continue;
      out.push(i);
    }
    return out.length ? out : [at];
  }

  clamp(step: number): number {
    if (!Number.isFinite(step)) return 0;
    return Math.max(0, Math.min(Math.round(step), this.lastStep));
  }

  /** The run of internal tasks `step` is in (folded or not), or null. */
  internalRun(step: number): { from: number; to: number } | null {
    const i = this.clamp(step);
    return this.runStart[i] >= 0 ? { from: this.runStart[i], to: this.runEnd[i] } : null;
  }

  /** The end of the first stop after `step` (or the last step). */
  nextStep(step: number): number {
    if (this.ends.length === 0) return 0;
    const i = upperBound(this.ends, this.clamp(step));
    return i < this.ends.length ? this.ends[i] : this.lastStep;
  }

  /** The end of the last stop before `step` (or step 0). */
  previousStep(step: number): number {
    if (this.ends.length === 0) return 0;
    const i = lowerBound(this.ends, this.clamp(step)) - 1;
    return i >= 0 ? this.ends[i] : 0;
  }

  /** The end of the stop holding step `i`. */
  private snap(i: number): number {
    return this.ends.length ? this.ends[this.stopIndex[this.clamp(i)]] : 0;
  }

  /** First and last step of the task `step` is in, or of its whole run of internal tasks when folded. */
  private unit(step: number): { from: number; to: number } {
    const i = this.clamp(step);
    if (this.folded && this.runStart[i] >= 0) return { from: this.runStart[i], to: this.runEnd[i] };
    const t = this.trace.tasks[this.trace.steps[i]?.task ?? -1];
    return t ? { from: t.startStep, to: t.endStep } : { from: i, to: i };
  }

  /** The first stop of the task after the current one. */
  nextTask(step: number): number {
    if (this.trace.steps.length === 0) return 0;
    const at = this.clamp(step);
    const next = this.snap(Math.min(this.unit(at).to + 1, this.lastStep));
    return next > at ? next : this.nextStep(at);
  }

  /** The first stop of the current task, or of the previous task when already there. */
  previousTask(step: number): number {
    if (this.trace.steps.length === 0) return 0;
    const at = this.clamp(step);
    const u = this.unit(at);
    const own = this.snap(u.from);
    if (own < at) return own;
    if (u.from === 0) return this.previousStep(at);
    const before = this.snap(this.unit(u.from - 1).from);
    return before < at ? before : this.previousStep(at);
  }

  /** The next step at which a coroutine awaits, or the current step if there is none. */
  nextAwait(step: number): number {
    const i = upperBound(this.awaitSteps, step);
    return i < this.awaitSteps.length ? this.awaitSteps[i] : this.clamp(step);
  }

  previousAwait(step: number): number {
    const i = lowerBound(this.awaitSteps, step) - 1;
    return i >= 0 ? this.awaitSteps[i] : this.clamp(step);
  }

  /** How many output entries were written at or before `step` (the rest are still in the future). */
  outputCountAt(step: number): number {
    let lo = 0;
    let hi = this.output.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.output[mid].step <= step) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The source line a step points at, when it has one. */
export function sourceOfStep(trace: Trace, step: number): SourceSite | null {
  const s = trace.steps[step];
  const site = s ? trace.sites[s.site] : undefined;
  if (!site || !(site.line > 0)) return null;
  return { file: site.file, line: site.line, column: site.column };
}

/** "puzzle.js:4" for a source, the file name only (the full path is in the tooltip). */
export function shortSource(source: SourceSite | null): string {
  if (!source) return '';
  const name = fileName(source.file);
  return `${name}:${source.line}`;
}

/** Index of the first element > x in an ascending array. */
export function upperBound(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element >= x in an ascending array. */
export function lowerBound(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
