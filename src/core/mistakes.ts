// Async mistakes that the recorded run shows directly: the event loop blocked by a long synchronous task, an
// unhandled rejection, and what was still keeping the program alive when it was stopped at the time limit.
import type { Finding, Trace, SourceSite } from './trace-format';

export interface MistakeOptions {
  /** a task that runs longer than this (ms) blocks the event loop */
  blockedLoopMs: number;
  /** a timer that runs this much later than due (ms), mostly because of microtasks or nextTicks, was starved */
  starvationMs: number;
}

export const DEFAULT_MISTAKE_OPTIONS: MistakeOptions = { blockedLoopMs: 100, starvationMs: 50 };

const site = (s: SourceSite | null | undefined, role: string) => (s ? [{ file: s.file, line: s.line, column: s.column, role }] : []);

export function asyncMistakes(trace: Omit<Trace, 'findings'>, options: MistakeOptions = DEFAULT_MISTAKE_OPTIONS): Finding[] {
  const out: Finding[] = [];
  const p = trace.program;

  // A synchronous task that ran long: nothing else (timers, I/O, other requests) could run meanwhile.
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
      sites: site(where && where.line > 0 ? where : t.source, 'blocking-task'),
    });
  }

  // Starvation: a timer ran well after it was due, and the time in between went to microtasks and nextTicks that
  // kept queueing more (the loop cannot reach the timers phase until those queues are empty).
  for (const item of trace.queueItems) {
    if (item.queue !== 'timer' || item.task === null || item.due === undefined) continue;
    const t = trace.tasks[item.task];
    const lateMs = (t.startTime - item.due) / 1000;
    if (lateMs < options.starvationMs) continue;
    let busy = 0;
    let worst: (typeof trace.tasks)[number] | null = null;
    for (const o of trace.tasks) {
      if ((o.queue !== 'microtask' && o.queue !== 'nextTick') || o.startTime < item.due || o.startTime >= t.startTime) continue;
      busy += o.duration;
      if (!worst || o.duration > worst.duration) worst = o;
    }
    if (busy / 1000 < lateMs * 0.8) continue;
    out.push({
      kind: 'starvation',
      message: `A timer (${t.label}) ran ${Math.round(lateMs)} ms late: the microtask and nextTick queues never ran empty in between, so the event loop could not reach its timers. Yield to the loop now and then (await a setImmediate or setTimeout) instead of chaining promise callbacks or nextTicks without end.`,
      sites: [...site(item.source, 'starved-timer'), ...site(worst?.source, 'starving-callback')],
    });
    break; // one is enough to say it; the rest follow from the same cause
  }

  if (p.error?.origin === 'unhandledRejection') {
    out.push({
      kind: 'unhandled-rejection',
      message: `A promise was rejected and nothing handled it (${p.error.name}: ${p.error.message}); Node ended the program. Await the promise inside a try/catch, or add .catch() where it is created.`,
      sites: site(p.error.source, 'rejection'),
    });
  }

  if (p.stopped === 'timeout' && p.activeResources?.length) {
    // the places that created what was still pending: timers and immediates never run or cleared, open handles
    const pending = trace.queueItems.filter((q) => q.task === null && q.leaveStep === null && q.source);
    const servers = trace.tasks.filter((t) => /^(TCPSERVERWRAP|PIPESERVERWRAP)$/.test(t.resourceType) && t.source);
    const sites = [...pending.map((q) => q.source), ...servers.map((t) => t.source)]
      .filter((s): s is SourceSite => s !== null)
      .filter((s, i, all) => all.findIndex((o) => o.file === s.file && o.line === s.line) === i)
      .flatMap((s) => site(s, 'keeps-alive'));
    const counts = new Map<string, number>();
    for (const r of p.activeResources) counts.set(r, (counts.get(r) ?? 0) + 1);
    const list = [...counts].map(([r, c]) => (c > 1 ? `${c} × ${r}` : r)).join(', ');
    out.push({
      kind: 'open-handles',
      message: `The program was still running at the time limit because of ${list}. Close what you open when you are done (server.close(), clearInterval(), socket.end()), or unref() what should not keep the program alive.`,
      sites,
    });
  }
  return out;
}
