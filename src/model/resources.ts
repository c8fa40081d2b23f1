// Stage 2 of the model: resources and tasks. One pass over the events finds every async resource (what made it,
// when it settled, which callbacks it ran), cuts the run into tasks (one callback of the event loop each), and links
// each await to the promise that resumes it.
import { RawKind } from '../core/raw-events';
import type { QueueName } from '../core/trace-format';
import type { Decoded } from './decode';
import { IdMap } from './id-map';

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

const INTERVAL = 1;
const DIRECT = 2;
const AWAIT_WRAPPER = 4;
const AWAITED = 8;

/**
 * The async resources of a run, one row each, stored as columns: a run with a million promises is a few typed
 * arrays, not a million objects. Look a resource up by its async id with `row()`; -1 means none.
 */
export class ResourceTable {
  count = 0;
  private readonly rows = new IdMap();
  private capacity: number;
  id: Int32Array;
  /** async_hooks type name */
  type: string[] = [];
  trigger: Int32Array;
  exec: Int32Array;
  /** a timer's delay in ms */
  delay: Int32Array;
  initEvent: Int32Array;
  initTime: Int32Array;
  /** where user code made it, or -1 */
  site: Int32Array;
  /** the task during which it was made, or -1 */
  createdIn: Int32Array;
  resolveEvent: Int32Array;
  /** the event at which it was asked to close, or -1 */
  closing: Int32Array;
  cancelEvent: Int32Array;
  /** an await's resumption promise: which frame and await site (see awaited()) */
  awaitFrame: Int32Array;
  awaitSite: Int32Array;
  private flags: Uint8Array;
  /** the first callback it ran (a task id) and the event where that ended, or -1; later ones are kept aside */
  private firstRun: Int32Array;
  private firstRunEnd: Int32Array;
  private readonly moreRuns = new Map<number, number[]>();
  private readonly moreRunEnds = new Map<number, number[]>();

  /** `capacity`: how many resources to make room for at once (the table grows past it when needed) */
  constructor(capacity = 1024) {
    this.capacity = Math.max(16, capacity);
    const { capacity: n } = this;
    this.id = new Int32Array(n);
    this.trigger = new Int32Array(n);
    this.exec = new Int32Array(n);
    this.delay = new Int32Array(n);
    this.initEvent = new Int32Array(n);
    this.initTime = new Int32Array(n);
    this.site = new Int32Array(n);
    this.createdIn = new Int32Array(n);
    this.resolveEvent = new Int32Array(n);
    this.closing = new Int32Array(n);
    this.cancelEvent = new Int32Array(n);
    this.awaitFrame = new Int32Array(n);
    this.awaitSite = new Int32Array(n);
    this.flags = new Uint8Array(n);
    this.firstRun = new Int32Array(n);
    this.firstRunEnd = new Int32Array(n);
  }

  row(asyncId: number): number {
    return this.rows.get(asyncId) ?? -1;
  }

  add(asyncId: number, type: string, initEvent: number, initTime: number): number {
    if (this.count === this.capacity) this.grow();
    const r = this.count++;
    this.rows.set(asyncId, r);
    this.id[r] = asyncId;
    this.type[r] = type;
    this.initEvent[r] = initEvent;
    this.initTime[r] = initTime;
    this.site[r] = -1;
    this.createdIn[r] = -1;
    this.resolveEvent[r] = -1;
    this.closing[r] = -1;
    this.cancelEvent[r] = -1;
    this.firstRun[r] = -1;
    this.firstRunEnd[r] = -1;
    return r;
  }

  private grow(): void {
    this.capacity *= 2;
    const widen = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.capacity);
      b.set(a);
      return b;
    };
    this.id = widen(this.id);
    this.trigger = widen(this.trigger);
    this.exec = widen(this.exec);
    this.delay = widen(this.delay);
    this.initEvent = widen(this.initEvent);
    this.initTime = widen(this.initTime);
    this.site = widen(this.site);
    this.createdIn = widen(this.createdIn);
    this.resolveEvent = widen(this.resolveEvent);
    this.closing = widen(this.closing);
    this.cancelEvent = widen(this.cancelEvent);
    this.awaitFrame = widen(this.awaitFrame);
    this.awaitSite = widen(this.awaitSite);
    this.flags = widen(this.flags);
    this.firstRun = widen(this.firstRun);
    this.firstRunEnd = widen(this.firstRunEnd);
  }

  private flag(r: number, bit: number, on: boolean): void {
    this.flags[r] = on ? this.flags[r] | bit : this.flags[r] & ~bit;
  }
  /** a repeating timer */
  interval(r: number): boolean {
    return (this.flags[r] & INTERVAL) !== 0;
  }
  setInterval(r: number, on: boolean): void {
    this.flag(r, INTERVAL, on);
  }
  /** user code created it directly (not from inside a Node or library function it called) */
  direct(r: number): boolean {
    return (this.flags[r] & DIRECT) !== 0;
  }
  setDirect(r: number, on: boolean): void {
    this.flag(r, DIRECT, on);
  }
  /** a promise V8 made to wrap an awaited non-promise or thenable */
  awaitWrapper(r: number): boolean {
    return (this.flags[r] & AWAIT_WRAPPER) !== 0;
  }
  setAwaitWrapper(r: number): void {
    this.flag(r, AWAIT_WRAPPER, true);
  }
  /** an await's resumption promise (awaitFrame and awaitSite say which) */
  awaited(r: number): boolean {
    return (this.flags[r] & AWAITED) !== 0;
  }
  setAwaited(r: number, frame: number, site: number): void {
    this.flag(r, AWAITED, true);
    this.awaitFrame[r] = frame;
    this.awaitSite[r] = site;
  }

  /** how many callbacks it ran */
  runCount(r: number): number {
    return this.firstRun[r] < 0 ? 0 : 1 + (this.moreRuns.get(r)?.length ?? 0);
  }
  /** the task of its k-th callback */
  run(r: number, k: number): number {
    return k === 0 ? this.firstRun[r] : this.moreRuns.get(r)![k - 1];
  }
  addRun(r: number, task: number): void {
    if (this.firstRun[r] < 0) this.firstRun[r] = task;
    else this.pushTo(this.moreRuns, r, task);
  }
  runEndCount(r: number): number {
    return this.firstRunEnd[r] < 0 ? 0 : 1 + (this.moreRunEnds.get(r)?.length ?? 0);
  }
  /** the event at which its k-th callback ended */
  runEnd(r: number, k: number): number {
    return k === 0 ? this.firstRunEnd[r] : this.moreRunEnds.get(r)![k - 1];
  }
  addRunEnd(r: number, event: number): void {
    if (this.firstRunEnd[r] < 0) this.firstRunEnd[r] = event;
    else this.pushTo(this.moreRunEnds, r, event);
  }
  private pushTo(m: Map<number, number[]>, r: number, value: number): void {
    const list = m.get(r);
    if (list) list.push(value);
    else m.set(r, [value]);
  }

  /** What scheduled its callback, in words: "setTimeout 10 ms", "await resumption", "fs callback". */
  label(r: number): string {
    const type = this.type[r];
    if (type === 'Timeout') return `${this.interval(r) ? 'setInterval' : 'setTimeout'} ${this.delay[r]} ms`;
    if (this.awaited(r)) return 'await resumption';
    if (type === PROMISE) return this.awaitWrapper(r) ? 'resolve thenable' : 'promise reaction';
    return FRIENDLY[type] ?? type.toLowerCase();
  }
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
  resources: ResourceTable;
  tasks: TaskSpan[];
  /** the task of each event (events between tasks belong to the one before) */
  eventTask: Int32Array;
  /** promise id -> the frame of the async function call it belongs to */
  framePromise: IdMap;
  /** the other way: the frame of an async function call -> its own promise */
  promiseOfFrame: IdMap;
  /** frame of an awaited coroutine -> frame of the coroutine that awaited it directly (one logical flow) */
  awaitedBy: Map<number, number>;
  /** promises whose rejection nobody handled (Node announced them) */
  unhandledPromises: Set<number>;
}

export function resourcesAndTasks(d: Decoded): ResourcesAndTasks {
  const ev = d.events;
  const n = ev.count;
  // room for every resource at once: one Init (or LateBefore of a callback never seen scheduled) each
  let made = 0;
  for (let i = 0; i < n; i++) {
    const kind = ev.kind(i);
    if (kind === RawKind.Init || kind === RawKind.LateBefore) made++;
  }
  const res = new ResourceTable(made);
  const tasks: TaskSpan[] = [];
  const eventTask = new Int32Array(n).fill(-1);
  const framePromise = new IdMap();
  const promiseOfFrame = new IdMap();
  const awaitedBy = new Map<number, number>();
  const unhandledPromises = new Set<number>();
  let depth = 0;
  let current: TaskSpan | null = null;
  let implicitOpen = false;
  // await resolution: after an Await marker, the first promise made is the resumption promise, unless the next
  // one chains to it (V8 first wraps a non-promise or thenable value).
  let awaitFrame = -1;
  let awaitSite = -1;
  let awaitCandidate = -1;
  const closeAwaitWindow = () => {
    if (awaitCandidate >= 0) {
      const awaited = res.awaitWrapper(awaitCandidate) ? undefined : framePromise.get(res.trigger[awaitCandidate]);
      if (awaited !== undefined && awaited !== awaitFrame) awaitedBy.set(awaited, awaitFrame);
      res.setAwaited(awaitCandidate, awaitFrame, awaitSite);
    }
    awaitFrame = -1;
    awaitCandidate = -1;
  };

  const openTask = (asyncId: number, i: number, implicit: boolean): TaskSpan => {
    const r = res.row(asyncId);
    const t: TaskSpan = {
      id: tasks.length,
      queue: implicit ? 'other' : queueOf(r >= 0 ? res.type[r] : 'other', r >= 0 && res.closing[r] >= 0 && res.closing[r] < i),
      scheduledBy: r >= 0 && res.createdIn[r] >= 0 ? res.createdIn[r] : null,
      startTime: ev.time(i),
      duration: 0,
      resourceType: r >= 0 ? res.type[r] : 'unknown',
      asyncId,
      startEvent: i,
      endEvent: i,
      implicit,
    };
    tasks.push(t);
    if (r >= 0) res.addRun(r, t.id);
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
        const r = res.add(ev.a(i), d.typeNames.get(ev.c(i)) ?? 'unknown', i, ev.time(i));
        res.trigger[r] = ev.b(i);
        res.exec[r] = ev.d(i);
        res.delay[r] = delay <= -2 ? -2 - delay : Math.max(0, delay);
        res.setInterval(r, delay <= -2);
        if (depth === 0 && !current) openImplicit(i);
        res.createdIn[r] = current ? (current as TaskSpan).id : -1;
        if (awaitFrame >= 0 && res.type[r] === PROMISE) {
          if (awaitCandidate < 0) awaitCandidate = r;
          else if (res.trigger[r] === res.id[awaitCandidate]) {
            res.setAwaitWrapper(awaitCandidate);
            awaitCandidate = r;
          } else closeAwaitWindow();
        }
        break;
      }
      case RawKind.Resolve: {
        const r = res.row(ev.a(i));
        if (r >= 0 && res.resolveEvent[r] < 0) res.resolveEvent[r] = i;
        break;
      }
      case RawKind.Before:
      case RawKind.LateBefore: {
        if (depth === 0) {
          if (implicitOpen) closeTask(i);
          // A callback the tracer did not see scheduled (e.g. the ESM loader evaluating the entry module).
          if (kind === RawKind.LateBefore && res.row(ev.a(i)) < 0) res.add(ev.a(i), d.typeNames.get(ev.b(i)) ?? 'other', i, ev.time(i));
          current = openTask(ev.a(i), i, false);
        }
        depth++;
        break;
      }
      case RawKind.After: {
        depth = Math.max(0, depth - 1);
        if (depth === 0 && current) {
          const r = res.row((current as TaskSpan).asyncId);
          if (r >= 0) res.addRunEnd(r, i);
          closeTask(i);
        }
        break;
      }
      case RawKind.Enter: {
        // an async function's own promise is the parentless promise made just before its body starts
        // (the tracer may have noted where that promise was made, just after its init)
        const j = i > 1 && ev.kind(i - 1) === RawKind.ScheduledAt && ev.kind(i - 2) === RawKind.Init && ev.a(i - 1) === ev.a(i - 2) ? i - 2 : i - 1;
        const prev = j >= 0 && ev.kind(j) === RawKind.Init ? res.row(ev.a(j)) : -1;
        if (prev >= 0 && res.type[prev] === PROMISE && res.trigger[prev] === res.exec[prev] && res.runCount(prev) === 0) {
          framePromise.set(res.id[prev], ev.a(i));
          promiseOfFrame.set(ev.a(i), res.id[prev]);
        }
        break;
      }
      case RawKind.Await:
        awaitFrame = ev.a(i);
        awaitSite = ev.b(i);
        awaitCandidate = -1;
        break;
      case RawKind.Unhandled:
        unhandledPromises.add(ev.a(i));
        break;
      case RawKind.ScheduledAt: {
        const r = res.row(ev.a(i));
        if (r >= 0) {
          res.site[r] = ev.b(i);
          // Made by user code through a public API (setTimeout is 3 frames deep in Node, nextTick and fs.readFile
          // 1, then() and Promise.all 0), not by Node's own code that the user called (fs.promises.readFile's steps).
          const frames = ev.c(i);
          const type = res.type[r];
          res.setDirect(r, frames < 0 || frames <= (type === PROMISE ? 0 : type === 'Timeout' || type === 'Immediate' ? 3 : 1));
        }
        break;
      }
      case RawKind.Closing: {
        const r = res.row(ev.a(i));
        if (r >= 0 && res.closing[r] < 0) res.closing[r] = i;
        break;
      }
      case RawKind.Cancel: {
        const r = res.row(ev.a(i));
        if (r >= 0) res.cancelEvent[r] = i;
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
  return { resources: res, tasks, eventTask, framePromise, promiseOfFrame, awaitedBy, unhandledPromises };
}
