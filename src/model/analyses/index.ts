// The analyses, in the order their findings are listed. Each reads the model's intermediates and the trace, and
// returns findings; none changes what it reads. Those of one loop run on each loop's own trace; those across loops
// on the joined trace of a program with several.
import type { Finding, Trace } from '../../core/trace-format';
import type { AnalysisInput, AnalysisOptions } from './input';
import { races } from './races';
import { blockedLoop } from './blocked-loop';
import { starvation } from './starvation';
import { sequentialAwaits } from './sequential-awaits';
import { unhandledRejections } from './unhandled-rejections';
import { openHandles } from './open-handles';
import { floatingPromises } from './floating-promises';
import { unheardMessages, unansweredLoops, busyReceivers } from './loop-messages';

const ANALYSES: readonly ((input: AnalysisInput) => Finding[])[] = [races, blockedLoop, starvation, sequentialAwaits, unhandledRejections, openHandles, floatingPromises];

export function analyse(input: AnalysisInput): Finding[] {
  return ANALYSES.flatMap((analysis) => analysis(input));
}

const ACROSS_LOOPS: readonly ((trace: Omit<Trace, 'findings'>, options: AnalysisOptions) => Finding[])[] = [unheardMessages, unansweredLoops, busyReceivers];

/** The joined trace's findings: each loop's, then those across loops (a long task that messages waited for is
 * reported once, as that, not also as a blocked loop). */
export function analyseLoops(trace: Trace, options: AnalysisOptions): Finding[] {
  const across = ACROSS_LOOPS.flatMap((analysis) => analysis(trace, options));
  const busy = new Set(across.flatMap((f) => (f.kind === 'messages-waited' ? f.sites.filter((x) => x.role === 'busy-task').map((x) => x.step) : [])));
  return [...trace.findings.filter((f) => !(f.kind === 'blocked-loop' && f.sites.some((x) => x.role === 'blocking-task' && busy.has(x.step)))), ...across];
}
