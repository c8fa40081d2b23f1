// Where the viewer's controls move the current step: by step, by task, by await, and which output and source belong to
// a step. Pure functions over a trace, shared by the HTML report and the VS Code panel.
import type { Trace, SourceSite, Output } from './trace-format';

/** Indexes built once per trace so every move is a binary search, even for 100k-step traces. */
export class StepIndex {
  /** steps whose kind is 'await', ascending */
  readonly awaitSteps: number[] = [];
  /** output sorted by step (stable) */
  readonly output: Output[];
  /** for each output entry, its index in trace.output */
  readonly outputOrder: number[];

  constructor(readonly trace: Trace) {
    trace.steps.forEach((s, i) => {
      if (s.kind === 'await') this.awaitSteps.push(i);
    });
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

  /** The first step of the task after the current one. */
  nextTask(step: number): number {
    const s = this.trace.steps[this.clamp(step)];
    if (!s) return 0;
    const next = this.trace.tasks[s.task + 1];
    return next ? this.clamp(next.startStep) : this.lastStep;
  }

  /** The start of the current task, or of the previous task when already at the start. */
  previousTask(step: number): number {
    const at = this.clamp(step);
    const s = this.trace.steps[at];
    if (!s) return 0;
    const task = this.trace.tasks[s.task];
    if (task && task.startStep < at) return task.startStep;
    const prev = this.trace.tasks[s.task - 1];
    return prev ? this.clamp(prev.startStep) : 0;
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
  const name = source.file.slice(Math.max(source.file.lastIndexOf('/'), source.file.lastIndexOf('\\')) + 1);
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
