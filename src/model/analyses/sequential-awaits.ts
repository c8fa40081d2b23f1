// Sequential awaits of independent work: `await a(); await b();` where b does not use a's result, and running them
// together would have saved time.
import type { Await, Finding, SourceSite } from '../../core/trace-format';
import { lowerBound } from '../../core/stepping';
import { findingSite, type AnalysisInput } from './input';

export function sequentialAwaits({ trace, frames, steps: st, options }: AnalysisInput): Finding[] {
  const out: Finding[] = [];
  // shared-state accesses by step, in order
  const accessSteps: number[] = [];
  const accessLocs: string[] = [];
  for (const f of frames.flowLog) {
    if (f.what !== 'access') continue;
    accessSteps.push(st.stepAt(f.event));
    accessLocs.push(f.loc);
  }
  const siteAt = new Map<string, number>();
  trace.sites.forEach((s, i) => s.kind === 'await' && siteAt.set(`${s.file}:${s.line}:${s.column}`, i));
  // the awaits of one line share one source object (see decode): each is looked up once
  const siteOf = new Map<SourceSite, number | undefined>();
  const awaitSite = (source: SourceSite) => {
    if (!siteOf.has(source)) siteOf.set(source, siteAt.get(`${source.file}:${source.line}:${source.column}`));
    return siteOf.get(source);
  };
  const waitMs = (a: Await) => {
    if (a.resumeTask === null) return 0;
    const from = trace.tasks[a.suspendTask];
    return Math.max(0, (trace.tasks[a.resumeTask].startTime - (from.startTime + from.duration)) / 1000);
  };
  const touched = (from: number, to: number): Set<string> => {
    const locs = new Set<string>();
    for (let k = lowerBound(accessSteps, from); k < accessSteps.length && accessSteps[k] <= to; k++) locs.add(accessLocs[k]);
    return locs;
  };
  const reported = new Set<number>();
  for (const c of trace.coroutines) {
    for (let i = 1; i < c.awaits.length; i++) {
      const first = c.awaits[i - 1];
      const second = c.awaits[i];
      const secondSite = awaitSite(second.source);
      const firstSite = awaitSite(first.source);
      if (secondSite === undefined || reported.has(secondSite) || trace.sites[secondSite].after !== firstSite) continue;
      // waiting for another coroutine (a barrier, an event it fires) is synchronization, not work to run alongside:
      // the first wait must end because a timer or I/O finished, not because other user code settled the promise
      const resumed = first.resumeTask !== null ? trace.tasks[first.resumeTask] : null;
      const settler = resumed && resumed.enqueuedAt !== null ? trace.tasks[trace.steps[resumed.enqueuedAt]?.task ?? -1] : undefined;
      if (settler && !settler.internal && settler.id !== first.suspendTask && (settler.queue === 'microtask' || settler.queue === 'nextTick' || settler.queue === 'main')) continue;
      // work that touches the same shared state is ordered on purpose: running it together would race
      const during = (a: Await) => touched(a.suspendStep, a.resumeStep ?? a.suspendStep);
      const overlap = accessSteps.length > 0 && [...during(first)].some((loc) => during(second).has(loc));
      if (overlap) continue;
      const saving = Math.min(waitMs(first), waitMs(second));
      if (saving < options.sequentialSavingMs) continue;
      reported.add(secondSite);
      out.push({
        kind: 'sequential-awaits',
        message: `These two awaits wait one after the other (${Math.round(waitMs(first))} ms, then ${Math.round(waitMs(second))} ms), but the second does not use what the first produced. Start both, then await them together (Promise.all) to save about ${Math.round(saving)} ms in ${c.name}.`,
        coroutines: [c.id],
        sites: [...findingSite(first.source, 'first-await', first.suspendStep), ...findingSite(second.source, 'second-await', second.suspendStep)],
      });
    }
  }
  return out;
}
