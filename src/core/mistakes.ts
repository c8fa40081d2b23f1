// Async mistakes that the recorded run shows directly: the event loop blocked by a long synchronous task, an
// unhandled rejection, and what was still keeping the program alive when it was stopped at the time limit.
import type { Finding, FindingSite, Trace, SourceSite } from './trace-format';
import { lowerBound } from './stepping';
import { fileName } from './paths';

export interface MistakeOptions {
  /** a task that runs longer than this (ms) blocks the event loop */
  blockedLoopMs: number;
  /** a timer that runs this much later than due (ms), mostly because of microtasks or nextTicks, was starved */
  starvationMs: number;
  /** two independent awaits in a row are reported when running them together would save at least this (ms) */
  sequentialSavingMs: number;
}

export const DEFAULT_MISTAKE_OPTIONS: MistakeOptions = { blockedLoopMs: 100, starvationMs: 50, sequentialSavingMs: 10 };

/** Facts about one unhandled rejection Node announced, gathered by the model. */
export interface UnhandledRejection {
  name: string;
  message: string;
  /** the first user line of the reason's stack: where it was thrown or rejected */
  thrown: SourceSite | null;
  /** where user code made the promise (the async call, new Promise, Promise.reject, .then()) */
  created: SourceSite | null;
  /** when its line is not known: the function that was running when it was made, and how to name it */
  madeIn: SourceSite | null;
  madeInName: string | null;
  createdStep: number | null;
  rejectedStep: number | null;
  /** the coroutine whose promise it is, if it is an async function's */
  coroutine: number | null;
  /** the program's own process.on('unhandledRejection') listener got it */
  listened: boolean;
}

const site = (s: SourceSite | null | undefined, role: string, step?: number | null): FindingSite[] =>
  s ? [{ file: s.file, line: s.line, column: s.column, role, ...(typeof step === 'number' && step >= 0 ? { step } : {}) }] : [];

export function asyncMistakes(
  trace: Omit<Trace, 'findings'>,
  options: MistakeOptions = DEFAULT_MISTAKE_OPTIONS,
  /** shared-state accesses by step, in order (from the race detector) */
  accessLog: { steps: number[]; locs: string[] } = { steps: [], locs: [] },
  /** the unhandled rejections Node announced, in order */
  rejections: UnhandledRejection[] = [],
): Finding[] {
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
      sites: site(where && where.line > 0 ? where : t.source, 'blocking-task', t.startStep),
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
      sites: [...site(item.source, 'starved-timer', t.startStep), ...site(worst?.source, 'starving-callback', worst?.startStep)],
    });
    break; // one is enough to say it; the rest follow from the same cause
  }

  // Sequential awaits of independent work: `await a(); await b();` where b does not use a's result.
  const siteAt = new Map<string, number>();
  trace.sites.forEach((s, i) => s.kind === 'await' && siteAt.set(`${s.file}:${s.line}:${s.column}`, i));
  const waitMs = (a: (typeof trace.coroutines)[number]['awaits'][number]) => {
    if (a.resumeTask === null) return 0;
    const from = trace.tasks[a.suspendTask];
    return Math.max(0, (trace.tasks[a.resumeTask].startTime - (from.startTime + from.duration)) / 1000);
  };
  const reported = new Set<number>();
  const touched = (from: number, to: number): Set<string> => {
    const out = new Set<string>();
    for (let k = lowerBound(accessLog.steps, from); k < accessLog.steps.length && accessLog.steps[k] <= to; k++) out.add(accessLog.locs[k]);
    return out;
  };
  for (const c of trace.coroutines) {
    for (let i = 1; i < c.awaits.length; i++) {
      const first = c.awaits[i - 1];
      const second = c.awaits[i];
      const secondSite = siteAt.get(`${second.source.file}:${second.source.line}:${second.source.column}`);
      const firstSite = siteAt.get(`${first.source.file}:${first.source.line}:${first.source.column}`);
      if (secondSite === undefined || reported.has(secondSite) || trace.sites[secondSite].after !== firstSite) continue;
      // waiting for another coroutine (a barrier, an event it fires) is synchronization, not work to run alongside:
      // the first wait must end because a timer or I/O finished, not because other user code settled the promise
      const resumed = first.resumeTask !== null ? trace.tasks[first.resumeTask] : null;
      const settler = resumed && resumed.enqueuedAt !== null ? trace.tasks[trace.steps[resumed.enqueuedAt]?.task ?? -1] : undefined;
      if (settler && !settler.internal && settler.id !== first.suspendTask && (settler.queue === 'microtask' || settler.queue === 'nextTick' || settler.queue === 'main')) continue;
      // work that touches the same shared state is ordered on purpose: running it together would race
      const during = (a: typeof first) => touched(a.suspendStep, a.resumeStep ?? a.suspendStep);
      const overlap = [...during(first)].some((loc) => during(second).has(loc));
      if (overlap) continue;
      const saving = Math.min(waitMs(first), waitMs(second));
      if (saving < options.sequentialSavingMs) continue;
      reported.add(secondSite);
      out.push({
        kind: 'sequential-awaits',
        message: `These two awaits wait one after the other (${Math.round(waitMs(first))} ms, then ${Math.round(waitMs(second))} ms), but the second does not use what the first produced. Start both, then await them together (Promise.all) to save about ${Math.round(saving)} ms in ${c.name}.`,
        coroutines: [c.id],
        sites: [...site(first.source, 'first-await', first.suspendStep), ...site(second.source, 'second-await', second.suspendStep)],
      });
    }
  }

  // Unhandled rejections, with where the promise was made (the line to fix) and where it was rejected.
  const ended = p.error?.origin === 'unhandledRejection';
  const sameRejection = new Map<string, Finding & { count: number }>();
  rejections.forEach((r, k) => {
    const at = (s: SourceSite | null) => (s ? `${s.file}:${s.line}:${s.column}` : '?');
    const key = `${at(r.created)}|${at(r.thrown)}|${r.name}: ${r.message}`;
    const again = sameRejection.get(key);
    if (again) {
      again.count++;
      return;
    }
    if (sameRejection.size >= 20) return;
    const co = r.coroutine !== null ? trace.coroutines[r.coroutine] : undefined;
    const made = r.created
      ? co
        ? `It is the promise of the call to ${co.name} made at line ${r.created.line} (${fileName(r.created.file)}).`
        : `The promise was made at line ${r.created.line} (${fileName(r.created.file)}).`
      : r.madeIn
        ? `${co ? `It is the promise of a call to ${co.name}` : 'The promise was made'} in ${r.madeInName}.`
        : co
          ? `It is the promise of ${co.name}, called from Node or a library rather than from your code.`
          : 'The promise was made by Node or a library, not by your code.';
    const finding = {
      kind: 'unhandled-rejection',
      message: `A promise was rejected and nothing handled it (${r.name}: ${r.message})${ended && k === rejections.length - 1 ? '; Node ended the program' : r.listened ? "; only the program's process-wide 'unhandledRejection' listener saw it" : ''}. ${made} Await it inside a try/catch, or add .catch() where it is made.`,
      ...(co ? { coroutines: [co.id] } : {}),
      sites: [...site(r.created ?? r.madeIn, 'created', r.createdStep), ...site(r.thrown, 'rejection', r.rejectedStep)],
      count: 1,
    };
    sameRejection.set(key, finding);
  });
  for (const { count, ...f } of sameRejection.values()) {
    out.push(count > 1 ? { ...f, message: `${f.message} (This happened ${count} times.)` } : f);
  }
  if (ended && rejections.length === 0) {
    // a Node that did not say which promise: the reason is all there is
    out.push({
      kind: 'unhandled-rejection',
      message: `A promise was rejected and nothing handled it (${p.error!.name}: ${p.error!.message}); Node ended the program. Await the promise inside a try/catch, or add .catch() where it is created.`,
      sites: site(p.error!.source, 'rejection'),
    });
  }

  if (p.stopped === 'timeout' && p.activeResources?.length) {
    // the places that created what was still pending: timers and immediates never run or cleared, open handles
    const pending = trace.queueItems.filter((q) => q.task === null && q.leaveStep === null && q.source);
    const servers = trace.tasks.filter((t) => /^(TCPSERVERWRAP|PIPESERVERWRAP)$/.test(t.resourceType) && t.source);
    const made = [...pending.map((q) => ({ at: q.source, step: q.enterStep })), ...servers.map((t) => ({ at: t.source, step: t.startStep }))];
    const sites = made
      .filter((m, i) => m.at !== null && made.findIndex((o) => o.at?.file === m.at!.file && o.at?.line === m.at!.line) === i)
      .flatMap((m) => site(m.at, 'keeps-alive', m.step));
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
