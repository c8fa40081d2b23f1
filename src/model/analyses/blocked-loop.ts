// A synchronous task that ran long: nothing else (timers, I/O, other requests) could run meanwhile.
import type { Finding } from '../../core/trace-format';
import { findingSite, type AnalysisInput } from './input';

export function blockedLoop({ trace, options }: AnalysisInput): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const t of trace.tasks) {
    const ms = t.duration / 1000;
    // the main script runs before the loop has anything else to do: loading modules there blocks nothing
    if (ms < options.blockedLoopMs || t.internal || t.queue === 'main') continue;
    const first = trace.steps.slice(t.startStep, t.endStep + 1).find((s) => s.kind === 'call' || s.kind === 'resume');
    const where = first && first.site >= 0 ? trace.sites[first.site] : null;
    const key = where ? `${where.file}:${where.line}` : `task${t.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      kind: 'blocked-loop',
      message: `The event loop was blocked for ${Math.round(ms)} ms by one synchronous task (${t.label}): no timer, I/O callback or other request could run meanwhile. Split the work into chunks (await between them), move it to a worker thread, or use an asynchronous API.`,
      sites: findingSite(where && where.line > 0 ? where : t.source, 'blocking-task', t.startStep),
    });
  }
  return out;
}
