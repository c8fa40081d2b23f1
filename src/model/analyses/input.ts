// What every analysis reads: the trace the stages built (without findings) and the stages' own intermediates.
import type { FindingRole } from '../../core/findings';
import type { FindingSite, SourceSite, Trace } from '../../core/trace-format';
import type { Decoded } from '../decode';
import type { ResourcesAndTasks } from '../resources';
import type { Frames } from '../frames';
import type { Steps } from '../steps';

export interface AnalysisOptions {
  /** a task that runs longer than this (ms) blocks the event loop */
  blockedLoopMs: number;
  /** a timer that runs this much later than due (ms), mostly because of microtasks or nextTicks, was starved */
  starvationMs: number;
  /** two independent awaits in a row are reported when running them together would save at least this (ms) */
  sequentialSavingMs: number;
}

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = { blockedLoopMs: 100, starvationMs: 50, sequentialSavingMs: 10 };

export interface AnalysisInput {
  trace: Omit<Trace, 'findings'>;
  decoded: Decoded;
  scheduling: ResourcesAndTasks;
  frames: Frames;
  steps: Steps;
  options: AnalysisOptions;
}

/** A finding's site from a place in the source (none when the place is unknown). */
export function findingSite(s: SourceSite | null | undefined, role: FindingRole, step?: number | null): FindingSite[] {
  return s ? [{ file: s.file, line: s.line, column: s.column, role, ...(typeof step === 'number' && step >= 0 ? { step } : {}) }] : [];
}
