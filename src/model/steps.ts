// Stage 4 of the model: steps. What a person would say happened, one step per moment a viewer can stop at, in
// recording order: a task starts, a call, an await, a resumption, a print, something scheduled, settled or cancelled.
// Also the program's output tied to its task and step, and which step each event falls at.
import { RawKind } from '../core/raw-events';
import type { Output, QueueName, Step, StepKind } from '../core/trace-format';
import { fileName } from '../core/paths';
import { fnName, lineOf, type Decoded } from './decode';
import { HANDLE_TYPES, PROMISE, queueOf, type ResourcesAndTasks } from './resources';
import type { Frames } from './frames';
import { IdMap } from './id-map';

export interface Steps {
  steps: Step[];
  /** the event each step was made at (ascending) */
  stepEvent: Int32Array;
  /** per task: its first step */
  taskStartStep: Int32Array;
  output: Output[];
  /** the unhandled rejections Node announced: the promise, its meta record, the step at which it was announced */
  unhandledAt: { promise: number; meta: number; step: number }[];
  /** the last step made at or before an event (0 when none was) */
  stepAt(event: number): number;
}

export function stepsOf(d: Decoded, rt: ResourcesAndTasks, fr: Frames): Steps {
  const ev = d.events;
  const n = ev.count;
  const sites = d.sites;
  const { resources: res, tasks, eventTask } = rt;
  const steps: Step[] = [];
  const stepEvent: number[] = [];
  const output: Output[] = [];
  const unhandledAt: Steps['unhandledAt'] = [];
  const taskStartStep = new Int32Array(tasks.length);
  // promise id -> reactions it enqueues when it settles
  const enqueuedJobsOf = new IdMap();
  for (let r = 0; r < res.count; r++) {
    if (res.type[r] !== PROMISE || res.runCount(r) === 0 || res.trigger[r] === res.exec[r]) continue;
    const parent = res.row(res.trigger[r]);
    if (parent >= 0 && res.resolveEvent[parent] > res.initEvent[r]) enqueuedJobsOf.set(res.id[parent], (enqueuedJobsOf.get(res.id[parent]) ?? 0) + 1);
  }
  const name = (c: number) => fr.coroutines[c]?.name ?? '?';
  // A sentence that repeats is made once: the end of an await's and of a resumption's per site (200k awaits of one
  // line then build one string each, not three), a callback run or a scheduling per queue and label, a settling per
  // count. Fewer strings to make and to hold, and a writer that meets a repeat again compares it in one step.
  const awaitsAt: string[] = [];
  const resumeAt: string[] = [];
  const settlesAt: string[] = [];
  const runs = new Map<QueueName, Map<string, string>>();
  const schedules = new Map<QueueName, Map<string, string>>();
  const once = (made: Map<QueueName, Map<string, string>>, q: QueueName, label: string, make: () => string) => {
    let byLabel = made.get(q);
    if (!byLabel) made.set(q, (byLabel = new Map()));
    let text = byLabel.get(label);
    if (text === undefined) byLabel.set(label, (text = make()));
    return text;
  };
  const awaitsText = (site: number) => (awaitsAt[site] ??= ` awaits (${lineOf(sites, site)}) and gives control back to the event loop`);
  const resumeText = (site: number) => (resumeAt[site] ??= ` after await (${lineOf(sites, site)})`);
  const runCallback = (q: QueueName, label: string) => once(runs, q, label, () => `run ${q} callback: ${label}`);
  const scheduled = (label: string, q: QueueName) => once(schedules, q, label, () => `schedule ${label} (${q === 'io' ? 'pending I/O' : `${q} queue`})`);
  const settles = (count: number) =>
    (settlesAt[count] ??= `a promise settles: ${count} reaction${count > 1 ? 's' : ''} queued as microtask${count > 1 ? 's' : ''}`);
  const add = (kind: StepKind, i: number, site: number, coroutine: number, text: string, depth: number, queue?: QueueName) => {
    const step: Step = { kind, task: eventTask[i], site, coroutine, text, depth };
    if (queue) step.queue = queue;
    steps.push(step);
    stepEvent.push(i);
  };

  let taskIdx = -1;
  for (let i = 0; i < n; i++) {
    const task = eventTask[i];
    const depth = fr.depth[i];
    const c = fr.coroutine[i];
    if (task !== taskIdx && task >= 0 && tasks[task].startEvent === i) {
      taskIdx = task;
      taskStartStep[task] = steps.length;
      const t = tasks[task];
      const r = res.row(t.asyncId);
      if (fr.taskResumes[task] >= 0) {
        // (a task resumes a coroutine only when its resource is an await's resumption promise)
        const site = res.awaitSite[r];
        add('resume', i, site, c, `resume ${name(c)}${resumeText(site)}`, depth);
        continue;
      }
      add('run', i, r >= 0 ? res.site[r] : -1, -1, t.queue === 'main' ? 'run the main script' : runCallback(t.queue, r >= 0 ? res.label(r) : t.resourceType), 0);
    }
    switch (ev.kind(i)) {
      case RawKind.Enter: {
        const site = ev.b(i);
        const s = sites[site];
        add('call', i, site, c, s?.kind === 'module' ? `evaluate module ${fileName(s.file)}` : c >= 0 ? `call ${name(c)} (async)` : `call ${fnName(sites, site)}()`, depth);
        break;
      }
      case RawKind.Exit: {
        const site = fr.frameSiteAt[i];
        add('return', i, site, c, c >= 0 ? `${name(c)} finished` : `return from ${fnName(sites, site)}()`, depth);
        break;
      }
      case RawKind.Await:
        add('await', i, ev.b(i), c, (c >= 0 ? name(c) : 'coroutine') + awaitsText(ev.b(i)), depth);
        break;
      case RawKind.LoopResume:
        if (fr.loopResumed[i]) add('resume', i, fr.frameSiteAt[i], c, `${c >= 0 ? name(c) : 'loop'} resumes: for await got the next value`, depth);
        break;
      case RawKind.Yield:
        add('yield', i, ev.b(i), c, `${fnName(sites, fr.frameSiteAt[i])} yields (${lineOf(sites, ev.b(i))})`, depth);
        break;
      case RawKind.YieldResume:
        add('resume', i, fr.frameSiteAt[i], c, `${fnName(sites, fr.frameSiteAt[i])} resumes after yield`, depth);
        break;
      case RawKind.Output: {
        const meta = d.outputs.get(ev.a(i));
        const text = meta?.text ?? '';
        output.push({
          stream: meta?.stream ?? 'stdout',
          text,
          task: task >= 0 ? task : null,
          step: steps.length,
          source: d.source(ev.b(i)),
          ...(meta?.truncated ? { truncated: true } : {}),
        });
        const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
        add('output', i, ev.b(i), -1, `prints ${JSON.stringify(shown.replace(/\n$/, ''))}${meta?.stream === 'stderr' ? ' to stderr' : ''}`, depth);
        break;
      }
      case RawKind.Init: {
        const r = res.row(ev.a(i));
        if (r < 0) break;
        const type = res.type[r];
        if (type === PROMISE) {
          // a reaction registered on an already settled promise is queued now
          const parent = res.trigger[r] !== res.exec[r] ? res.row(res.trigger[r]) : -1;
          if (res.runCount(r) > 0 && !res.awaited(r) && !res.awaitWrapper(r) && parent >= 0 && res.resolveEvent[parent] >= 0 && res.resolveEvent[parent] < i) {
            add('schedule', i, res.site[r], -1, `then() on a settled promise: reaction queued as a microtask`, depth, 'microtask');
          }
        } else if (!HANDLE_TYPES.has(type) || res.runCount(r) > 0) {
          const q = queueOf(type, false);
          add('schedule', i, res.site[r], -1, scheduled(res.label(r), q), depth, q);
        }
        break;
      }
      case RawKind.Unhandled:
        unhandledAt.push({ promise: ev.a(i), meta: ev.b(i), step: Math.max(0, steps.length - 1) });
        break;
      case RawKind.Cancel: {
        const r = res.row(ev.a(i));
        if (r >= 0) {
          const q = queueOf(res.type[r], false);
          add('cancel', i, res.site[r], -1, `cancel ${res.label(r)}: it leaves the ${q === 'immediate' ? 'immediates' : 'timers'} queue without running`, depth, q);
        }
        break;
      }
      case RawKind.Resolve: {
        const count = enqueuedJobsOf.get(ev.a(i));
        if (count) add('settle', i, -1, -1, settles(count), depth, 'microtask');
        break;
      }
      default:
        break;
    }
  }
  const events = Int32Array.from(stepEvent);
  return { steps, stepEvent: events, taskStartStep, output, unhandledAt, stepAt: (event) => stepAtEvent(events, event) };
}

/** The last step made at or before an event (0 when none was). */
export function stepAtEvent(stepEvent: Int32Array, event: number): number {
  let lo = 0;
  let hi = stepEvent.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (stepEvent[mid] <= event) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}
