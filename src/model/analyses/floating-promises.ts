// Floating promises: async calls started inside another coroutine, never awaited or handled, still running when
// their creator finished (their errors go unhandled and nothing waits for their result).
import type { Finding } from '../../core/trace-format';
import { PROMISE } from '../resources';
import { IdMap } from '../id-map';
import type { AnalysisInput } from './input';

export function floatingPromises({ trace, decoded: d, scheduling, frames }: AnalysisInput): Finding[] {
  const { resources, framePromise, promiseOfFrame } = scheduling;
  // which async calls' promises someone reacted to (await, then, Promise.all...)
  const handledFrames = new IdMap();
  for (let r = 0; r < resources.count; r++) {
    if (resources.type[r] !== PROMISE || resources.trigger[r] === resources.exec[r]) continue;
    const frame = framePromise.get(resources.trigger[r]);
    if (frame !== undefined) handledFrames.set(frame, 1);
  }
  const siteOf = (promise: number) => {
    const r = resources.row(promise);
    return r >= 0 ? resources.site[r] : -1;
  };
  const found: Finding[] = [];
  const seen = new Set<string>();
  for (const [c, { caller, frame }] of frames.callerOf) {
    // judged only when the call's own promise was seen, and nobody reacted to it
    if (!promiseOfFrame.has(frame) || handledFrames.has(frame)) continue;
    const co = trace.coroutines[c];
    const by = trace.coroutines[caller];
    if (!co || !by || by.endStep === null || (co.endStep !== null && co.endStep < by.endStep)) continue;
    const key = `${co.source.file}:${co.source.line}:${by.source.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({
      kind: 'floating-promise',
      message: `${co.name} was started by ${by.name} but nobody awaited it or handled its promise, and it was still running when ${by.name} finished: its errors go unhandled and nothing waits for its result. Await it, return it, or add .catch() (or collect it in Promise.all).`,
      coroutines: [c, caller],
      sites: [
        // the call nobody awaited (where the tracer saw it), else the function
        { ...(d.source(siteOf(promiseOfFrame.get(frame) ?? -1)) ?? co.source), role: 'floating', step: co.startStep },
        { ...by.source, role: 'creator', step: by.endStep },
      ],
    });
  }
  return found;
}
