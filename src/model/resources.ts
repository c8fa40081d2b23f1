// Stage 2 of the model: resources and tasks. One pass over the events finds every async resource (what made it,
// when it settled, which callbacks it ran), cuts the run into tasks (one callback of the event loop each), and links
// each await to the promise that resumes it.
import { RawKind } from '../core/raw-events';
import type { QueueName } from '../core/trace-format';
import type { Decoded } from './decode';

export interface Resource {
  id: number;
  type: string;
  trigger: number;
  exec: number;
  delay: number;
  interval: boolean;
  initEvent: number;
  initTime: number;
  site: number;
  /** user code created it directly (not from inside a Node or library function it called) */
  direct: boolean;
  /** task during which it was created */
  createdIn: number | null;
  resolveEvent: number;
  /** task ids of the callbacks it ran, in order */
  runs: number[];
  /** event index of each run's end (to re-enqueue repeating resources) */
  runEnds: number[];
  closing: number;
  cancelEvent: number;
  /** an await's resumption promise: which frame and await site */
  awaitFrame?: number;
  awaitSite?: number;
  /** a promise V8 made to wrap an awaited non-promise or thenable */
  awaitWrapper?: boolean;
}

/** A task as this stage knows it: where it starts and ends in the recording. */
export interface TaskSpan {
  id: number;
  queue: QueueName;
  scheduledBy: number | null;
  /** microseconds since the program started */
  startTime: number;
  duration: number;
  resourceType: string;
  asyncId: number;
  startEvent: number;
  endEvent: number;
  /** not a callback the loop ran: code that ran outside any (the main script, or what Node ran outside a hook) */
  implicit: boolean;
}

export interface ResourcesAndTasks {
  resources: Map<number, Resource>;
  tasks: TaskSpan[];
  /** the task of each event (events between tasks belong to the one before) */
  eventTask: Int32Array;
  /** promise id -> the frame of the async function call it belongs to */
  framePromise: Map<number, number>;
  /** frame of an awaited coroutine -> frame of the coroutine that awaited it directly (one logical flow) */
  awaitedBy: Map<number, number>;
  /** promises whose rejection nobody handled (Node announced them) */
  unhandledPromises: Set<number>;
}

export const PROMISE = 'PROMISE';
export const HANDLE_TYPES = new Set(['TCPWRAP', 'TCPSERVERWRAP', 'PIPEWRAP', 'PIPESERVERWRAP', 'UDPWRAP', 'TTYWRAP', 'PROCESSWRAP', 'FSEVENTWRAP', 'SIGNALWRAP']);

const FRIENDLY: Record<string, string> = {
  FSREQCALLBACK: 'fs callback',
  FSREQPROMISE: 'fs promise',
  FILEHANDLE: 'file handle',
  FILEHANDLECLOSEREQ: 'file close',
  STATWATCHER: 'fs watch',
  FSEVENTWRAP: 'fs watch',
  TCPWRAP: 'socket',
  TCPSERVERWRAP: 'server',
  TCPCONNECTWRAP: 'connect',
  PIPEWRAP: 'pipe',
  PIPESERVERWRAP: 'pipe server',
  PIPECONNECTWRAP: 'pipe connect',
  WRITEWRAP: 'write done',
  SHUTDOWNWRAP: 'socket shutdown',
  GETADDRINFOREQWRAP: 'dns lookup',
  GETNAMEINFOREQWRAP: 'dns reverse lookup',
  QUERYWRAP: 'dns query',
  HTTPINCOMINGMESSAGE: 'http message',
  HTTPCLIENTREQUEST: 'http client request',
  PROCESSWRAP: 'child process',
  SIGNALWRAP: 'signal',
  TTYWRAP: 'terminal',
  UDPWRAP: 'udp socket',
  SENDWRAP: 'udp send',
  ZLIB: 'zlib',
  WORKER: 'worker',
  MESSAGEPORT: 'message port',
  Timeout: 'timer',
  Immediate: 'setImmediate',
  TickObject: 'process.nextTick',
  Microtask: 'queueMicrotask',
  PROMISE: 'promise',
};

/** The queue a resource's callback waits in. */
export function queueOf(type: string, closing: boolean): QueueName {
  switch (type) {
    case 'PROMISE':
    case 'Microtask':
      return 'microtask';
    case 'TickObject':
      return 'nextTick';
    case 'Timeout':
      return 'timer';
    case 'Immediate':
      return 'immediate';
    default:
      return closing && HANDLE_TYPES.has(type) ? 'close' : 'io';
  }
}

/** What scheduled a resource's callback, in words: "setTimeout 10 ms", "await resumption", "fs callback". */
export function scheduleLabel(r: Resource): string {
  if (r.type === 'Timeout') return `${r.interval ? 'setInterval' : 'setTimeout'} ${r.delay} ms`;
  if (r.awaitFrame !== undefined) return 'await resumption';
  if (r.type === PROMISE) return r.awaitWrapper ? 'resolve thenable' : 'promise reaction';
  return FRIENDLY[r.type] ?? r.type.toLowerCase();
}

/** what a resource that has not run yet holds as its runs (most run once or never): its own array comes with its
 * first run, so a million promises are not two million empty arrays */
const NOT_RUN: number[] = Object.freeze([]) as unknown as number[];

function addTo(list: number[], value: number): number[] {
  if (list === NOT_RUN) return [value];
  list.push(value);
  return list;
}

function newResource(id: number, type: string, i: number, time: number): Resource {
  return {
    id,
    type,
    trigger: 0,
    exec: 0,
    delay: 0,
    interval: false,
    initEvent: i,
    initTime: time,
    site: -1,
    direct: false,
    createdIn: null,
    resolveEvent: -1,
    runs: NOT_RUN,
    runEnds: NOT_RUN,
    closing: -1,
    cancelEvent: -1,
  };
}

export function resourcesAndTasks(d: Decoded): ResourcesAndTasks {
  const ev = d.events;
  const n = ev.count;
  const resources = new Map<number, Resource>();
  const tasks: TaskSpan[] = [];
  const eventTask = new Int32Array(n).fill(-1);
  const framePromise = new Map<number, number>();
  const awaitedBy = new Map<number, number>();
  const unhandledPromises = new Set<number>();
  let depth = 0;
  let current: TaskSpan | null = null;
  let implicitOpen = false;
  // await resolution: after an Await marker, the first promise made is the resumption promise, unless the next
  // one chains to it (V8 first wraps a non-promise or thenable value).
  let awaitFrame = -1;
  let awaitSite = -1;
  let awaitCandidate: Resource | null = null;
  const closeAwaitWindow = () => {
    if (awaitCandidate) {
      const awaited = awaitCandidate.awaitWrapper ? undefined : framePromise.get(awaitCandidate.trigger);
      if (awaited !== undefined && awaited !== awaitFrame) awaitedBy.set(awaited, awaitFrame);
      awaitCandidate.awaitFrame = awaitFrame;
      awaitCandidate.awaitSite = awaitSite;
    }
    awaitFrame = -1;
    awaitCandidate = null;
  };

  const openTask = (asyncId: number, i: number, implicit: boolean): TaskSpan => {
    const r = resources.get(asyncId);
    const t: TaskSpan = {
      id: tasks.length,
      queue: implicit ? 'other' : queueOf(r?.type ?? 'other', r !== undefined && r.closing >= 0 && r.closing < i),
      scheduledBy: r?.createdIn ?? null,
      startTime: ev.time(i),
      duration: 0,
      resourceType: r?.type ?? 'unknown',
      asyncId,
      startEvent: i,
      endEvent: i,
      implicit,
    };
    tasks.push(t);
    if (r) r.runs = addTo(r.runs, t.id);
    return t;
  };
  const openImplicit = (i: number) => {
    current = openTask(0, i, true);
    implicitOpen = true;
  };
  let lastEventOfTask = -1;
  const closeTask = (i: number) => {
    if (!current) return;
    // a callback ends at its After; a task without one (the main script) ends at its own last event, not when the
    // next callback starts (the time in between is the loop waiting, not this task running)
    const end = implicitOpen && lastEventOfTask >= current.startEvent ? lastEventOfTask : i;
    current.endEvent = end;
    current.duration = Math.max(0, ev.time(end) - current.startTime);
    current = null;
    implicitOpen = false;
  };

  for (let i = 0; i < n; i++) {
    const kind = ev.kind(i);
    if (kind !== RawKind.Init && kind !== RawKind.Resolve && kind !== RawKind.ScheduledAt && awaitFrame >= 0) closeAwaitWindow();
    switch (kind) {
      case RawKind.Init: {
        const delay = ev.e(i);
        const r = newResource(ev.a(i), d.typeNames.get(ev.c(i)) ?? 'unknown', i, ev.time(i));
        r.trigger = ev.b(i);
        r.exec = ev.d(i);
        r.delay = delay <= -2 ? -2 - delay : Math.max(0, delay);
        r.interval = delay <= -2;
        resources.set(r.id, r);
        if (depth === 0 && !current) openImplicit(i);
        r.createdIn = current ? (current as TaskSpan).id : null;
        if (awaitFrame >= 0 && r.type === PROMISE) {
          if (!awaitCandidate) awaitCandidate = r;
          else if (r.trigger === awaitCandidate.id) {
            awaitCandidate.awaitWrapper = true;
            awaitCandidate = r;
          } else closeAwaitWindow();
        }
        break;
      }
      case RawKind.Resolve: {
        const r = resources.get(ev.a(i));
        if (r && r.resolveEvent < 0) r.resolveEvent = i;
        break;
      }
      case RawKind.Before:
      case RawKind.LateBefore: {
        if (depth === 0) {
          if (implicitOpen) closeTask(i);
          // A callback the tracer did not see scheduled (e.g. the ESM loader evaluating the entry module).
          if (kind === RawKind.LateBefore && !resources.has(ev.a(i))) resources.set(ev.a(i), newResource(ev.a(i), d.typeNames.get(ev.b(i)) ?? 'other', i, ev.time(i)));
          current = openTask(ev.a(i), i, false);
        }
        depth++;
        break;
      }
      case RawKind.After: {
        depth = Math.max(0, depth - 1);
        if (depth === 0 && current) {
          const r = resources.get((current as TaskSpan).asyncId);
          if (r) r.runEnds = addTo(r.runEnds, i);
          closeTask(i);
        }
        break;
      }
      case RawKind.Enter: {
        // an async function's own promise is the parentless promise made just before its body starts
        // (the tracer may have noted where that promise was made, just after its init)
        const j = i > 1 && ev.kind(i - 1) === RawKind.ScheduledAt && ev.kind(i - 2) === RawKind.Init && ev.a(i - 1) === ev.a(i - 2) ? i - 2 : i - 1;
        const prev = j >= 0 && ev.kind(j) === RawKind.Init ? resources.get(ev.a(j)) : undefined;
        if (prev && prev.type === PROMISE && prev.trigger === prev.exec && prev.runs.length === 0) framePromise.set(prev.id, ev.a(i));
        break;
      }
      case RawKind.Await:
        awaitFrame = ev.a(i);
        awaitSite = ev.b(i);
        awaitCandidate = null;
        break;
      case RawKind.Unhandled:
        unhandledPromises.add(ev.a(i));
        break;
      case RawKind.ScheduledAt: {
        const r = resources.get(ev.a(i));
        if (r) {
          r.site = ev.b(i);
          // Made by user code through a public API (setTimeout is 3 frames deep in Node, nextTick and fs.readFile
          // 1, then() and Promise.all 0), not by Node's own code that the user called (fs.promises.readFile's steps).
          const frames = ev.c(i);
          r.direct = frames < 0 || frames <= (r.type === PROMISE ? 0 : r.type === 'Timeout' || r.type === 'Immediate' ? 3 : 1);
        }
        break;
      }
      case RawKind.Closing: {
        const r = resources.get(ev.a(i));
        if (r && r.closing < 0) r.closing = i;
        break;
      }
      case RawKind.Cancel: {
        const r = resources.get(ev.a(i));
        if (r) r.cancelEvent = i;
        break;
      }
      default:
        break;
    }
    if (kind !== RawKind.Init && kind !== RawKind.Resolve && kind !== RawKind.Before && kind !== RawKind.LateBefore && kind !== RawKind.After) {
      if (depth === 0 && !current) openImplicit(i);
    }
    eventTask[i] = current ? (current as TaskSpan).id : tasks.length - 1;
    if (current) lastEventOfTask = i;
  }
  if (awaitFrame >= 0) closeAwaitWindow();
  if (current) closeTask(n - 1);
  return { resources, tasks, eventTask, framePromise, awaitedBy, unhandledPromises };
}
