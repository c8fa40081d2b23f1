// The analyses, in the order their findings are listed. Each reads the model's intermediates and the trace, and
// returns findings; none changes what it reads. Those of one loop run on each loop's own trace; those across loops
// on the joined trace of a program with several.
import type { Finding, Trace } from '../../core/trace-format';
import type { AnalysisInput } from './input';
import { races } from './races';
import { blockedLoop } from './blocked-loop';
import { starvation } from './starvation';
import { sequentialAwaits } from './sequential-awaits';
import { unhandledRejections } from './unhandled-rejections';
import { openHandles } from './open-handles';
import { floatingPromises } from './floating-promises';
import { unheardMessages, unansweredLoops } from './loop-messages';

const ANALYSES: readonly ((input: AnalysisInput) => Finding[])[] = [races, blockedLoop, starvation, sequentialAwaits, unhandledRejections, openHandles, floatingPromises];

export function analyse(input: AnalysisInput): Finding[] {
  return ANALYSES.flatMap((analysis) => analysis(input));
}

const ACROSS_LOOPS: readonly ((trace: Omit<Trace, 'findings'>) => Finding[])[] = [unheardMessages, unansweredLoops];

export function analyseLoops(trace: Omit<Trace, 'findings'>): Finding[] {
  return ACROSS_LOOPS.flatMap((analysis) => analysis(trace));
}
