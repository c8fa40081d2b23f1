// Where the viewer's controls move the current step: by step, by task, by await, and which output and source belong to
// a step. Pure functions over a trace, shared by the HTML report and the VS Code panel.
import type { Trace, SourceSite, Output } from './trace-format';
import { fileName } from './paths';

/** Indexes built once per trace so every move is a binary search, even for 100k-step traces. */
export class StepIndex {
  /** steps whose kind is 'await', ascending */
  readonly awaitSteps: number[] = [];
  /** output sorted by step (stable) */
  readonly output: Output[];
  /** for each output entry, its index in trace.output */
  readonly outputOrder: number[];
  /**
   * When true (the default), a run of consecutive internal tasks (Node's own work, no user code) is one stop: moving
   * by step or task lands on its first step and skips the rest.
   */
  folded = true;
  /** for steps inside a run of internal tasks: the run's first and last step; -1 elsewhere */
  private readonly runStart: Int32Array;
  private readonly runEnd: Int32Array;

  constructor(readonly trace: Trace) {
    const n = trace.steps.length;
    this.runStart = new Int32Array(n).fill(-1);
    this.runEnd = new Int32Array(n).fill(-1);
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
  }

  get lastStep(): number {
    return Math.max(0, this.trace.steps.length - 1);
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

  /** Is `step` hidden by folding (inside a run of internal tasks, but not its first step)? */
  isFolded(step: number): boolean {
    return this.folded && this.runStart[step] >= 0 && this.runStart[step] !== step;
  }

  nextStep(step: number): number {
    let s = this.clamp(step) + 1;
    if (s <= this.lastStep && this.isFolded(s)) s = this.runEnd[s] + 1;
    return Math.min(s, this.lastStep);
  }

  previousStep(step: number): number {
    let s = this.clamp(step) - 1;
    if (s >= 0 && this.isFolded(s)) s = this.runStart[s];
    return Math.max(0, s);
  }

  /** First and last step of the stop `step` belongs to: its task, or its whole run of internal tasks when folded. */
  private unit(step: number): { from: number; to: number } {
    const i = this.clamp(step);
    if (this.folded && this.runStart[i] >= 0) return { from: this.runStart[i], to: this.runEnd[i] };
    const t = this.trace.tasks[this.trace.steps[i]?.task ?? -1];
    return t ? { from: t.startStep, to: t.endStep } : { from: i, to: i };
  }

  /** The first step of the task after the current one. */
  nextTask(step: number): number {
    if (this.trace.steps.length === 0) return 0;
    return Math.min(this.unit(step).to + 1, this.lastStep);
  }

  /** The start of the current task, or of the previous task when already at the start. */
  previousTask(step: number): number {
    if (this.trace.steps.length === 0) return 0;
    const at = this.clamp(step);
    const u = this.unit(at);
    if (u.from < at) return u.from;
    return u.from > 0 ? this.unit(u.from - 1).from : 0;
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
export function upperBound(a: readonly number[], x: number): number {
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
export function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
