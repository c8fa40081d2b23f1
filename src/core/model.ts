// Turns the raw recording into what a person reasons about: tasks in execution order with their queues and causes,
// coroutines with their awaits, queue contents over time, steps for a viewer, and output tied to tasks.
import { RawKind, RECORD_INTS, type MetaRecord, type RawSite } from './raw-events';
import { RaceDetector } from './races';
import { asyncMistakes, DEFAULT_MISTAKE_OPTIONS, type UnhandledRejection } from './mistakes';
import {
  TRACE_FORMAT,
  TRACE_VERSION,
  type Trace,
  type Task,
  type Coroutine,
  type Output,
  type QueueItem,
  type Step,
  type StepKind,
  type Site,
  type SourceSite,
  type QueueName,
  type StopReason,
  type ProgramInfo,
  type Finding,
} from './trace-format';
import { fileName } from './paths';

export interface RawRun {
  events: Int32Array;
  meta: MetaRecord[];
  entry: string;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  /** set by the runner when it had to stop the program itself */
  stopped?: StopReason;
  stopDetail?: string;
}

interface Resource {
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

interface TaskBuild extends Task {
  asyncId: number;
  startEvent: number;
  endEvent: number;
}

const PROMISE_TYPES = new Set(['PROMISE']);
const HANDLE_TYPES = new Set(['TCPWRAP', 'TCPSERVERWRAP', 'PIPEWRAP', 'PIPESERVERWRAP', 'UDPWRAP', 'TTYWRAP', 'PROCESSWRAP', 'FSEVENTWRAP', 'SIGNALWRAP']);

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

function scheduleLabel(r: Resource): string {
  if (r.type === 'Timeout') return `${r.interval ? 'setInterval' : 'setTimeout'} ${r.delay} ms`;
  if (r.awaitFrame !== undefined) return 'await resumption';
  if (r.type === 'PROMISE') return r.awaitWrapper ? 'resolve thenable' : 'promise reaction';
  return FRIENDLY[r.type] ?? r.type.toLowerCase();
}

export function buildTrace(run: RawRun): Trace {
  // ---- meta ------------------------------------------------------------------------------------------------
  const typeNames = new Map<number, string>();
  const rawSites: (Site | undefined)[] = [];
  const outputs = new Map<number, Extract<MetaRecord, { t: 'output' }>>();
  let start: Extract<MetaRecord, { t: 'start' }> | undefined;
  let stop: Extract<MetaRecord, { t: 'stop' }> | undefined;
  let error: Extract<MetaRecord, { t: 'error' }> | undefined;
  const unhandledMeta = new Map<number, Extract<MetaRecord, { t: 'unhandled' }>>();
  for (const m of run.meta) {
    switch (m.t) {
      case 'type':
        typeNames.set(m.code, m.name);
        break;
      case 'sites':
        m.sites.forEach((s: RawSite, i) => {
          rawSites[m.base + i] = {
            file: m.file,
            line: s.line,
            column: s.column,
            kind: s.kind,
            name: s.name,
            ...(s.async ? { async: true } : {}),
            ...(s.generator ? { generator: true } : {}),
            ...(s.seqPrevOffset ? { after: m.base + i - s.seqPrevOffset } : {}),
          } as Site;
        });
        break;
      case 'site':
        rawSites[m.id] = { file: m.file, line: m.line, column: m.column, kind: 'call' };
        break;
      case 'output':
        outputs.set(m.index, m);
        break;
      case 'start':
        start = m;
        break;
      case 'stop':
        stop = m;
        break;
      case 'error':
        error ??= m;
        break;
      case 'unhandled':
        unhandledMeta.set(m.index, m);
        break;
      default:
        break;
    }
  }
  const sites: Site[] = rawSites.map((s) => s ?? { file: '', line: 0, column: 0, kind: 'unknown' });
  const siteFlags = (id: number) => sites[id] as Site & { async?: boolean; generator?: boolean };
  const sourceOf = (id: number): SourceSite | null =>
    id >= 0 && id < sites.length && sites[id].file ? { file: sites[id].file, line: sites[id].line, column: sites[id].column } : null;

  const ev = run.events;
  const n = Math.floor(ev.length / RECORD_INTS);
  const K = (i: number) => ev[i * RECORD_INTS];
  const A = (i: number) => ev[i * RECORD_INTS + 1];
  const B = (i: number) => ev[i * RECORD_INTS + 2];
  const C = (i: number) => ev[i * RECORD_INTS + 3];
  const D = (i: number) => ev[i * RECORD_INTS + 4];
  const E = (i: number) => ev[i * RECORD_INTS + 5];
  const T = (i: number) => ev[i * RECORD_INTS + 6];

  // ---- pass 1: resources, task boundaries, await links ---------------------------------------------------------
  const resources = new Map<number, Resource>();
  const tasks: TaskBuild[] = [];
  const eventTask = new Int32Array(n).fill(-1);
  let depth = 0;
  let current: TaskBuild | null = null;
  let implicitOpen = false;
  // await resolution: after an Await marker, the first promise made is the resumption promise, unless the next
  // one chains to it (V8 first wraps a non-promise or thenable value).
  let awaitFrame = -1;
  let awaitSite = -1;
  let awaitCandidate: Resource | null = null;
  /** promises whose rejection nobody handled (Node announced them) */
  const unhandledPromises = new Set<number>();
  /** promise id -> the frame of the async function call it belongs to */
  const framePromise = new Map<number, number>();
  /** frame of an awaited coroutine -> frame of the coroutine that awaited it directly (one logical flow) */
  const awaitedBy = new Map<number, number>();
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

  const openTask = (asyncId: number, i: number, queue: QueueName | null): TaskBuild => {
    const r = resources.get(asyncId);
    const t: TaskBuild = {
      id: tasks.length,
      queue: queue ?? queueOf(r?.type ?? 'other', r !== undefined && r.closing >= 0 && r.closing < i),
      label: '',
      source: null,
      scheduledBy: r?.createdIn ?? null,
      enqueuedAt: null,
      startStep: 0,
      endStep: 0,
      startTime: T(i),
      duration: 0,
      resourceType: r?.type ?? (queue === 'main' ? 'main' : 'unknown'),
      asyncId,
      startEvent: i,
      endEvent: i,
    };
    tasks.push(t);
    if (r) r.runs.push(t.id);
    return t;
  };
  let lastEventOfTask = -1;
  const closeTask = (i: number) => {
    if (!current) return;
    // a callback ends at its After; a task without one (the main script) ends at its own last event, not when the
    // next callback starts (the time in between is the loop waiting, not this task running)
    const end = implicitOpen && lastEventOfTask >= current.startEvent ? lastEventOfTask : i;
    current.endEvent = end;
    current.duration = Math.max(0, T(end) - current.startTime);
    current = null;
    implicitOpen = false;
  };

  for (let i = 0; i < n; i++) {
    const kind = K(i);
    if (kind !== RawKind.Init && kind !== RawKind.Resolve && kind !== RawKind.ScheduledAt && awaitFrame >= 0) closeAwaitWindow();
    switch (kind) {
      case RawKind.Init: {
        const type = typeNames.get(C(i)) ?? 'unknown';
        const delay = E(i);
        const r: Resource = {
          id: A(i),
          type,
          trigger: B(i),
          exec: D(i),
          delay: delay <= -2 ? -2 - delay : Math.max(0, delay),
          interval: delay <= -2,
          initEvent: i,
          initTime: T(i),
          site: -1,
          direct: false,
          createdIn: null,
          resolveEvent: -1,
          runs: [],
          runEnds: [],
          closing: -1,
          cancelEvent: -1,
        };
        resources.set(r.id, r);
        if (depth === 0 && !current) {
          current = openTask(0, i, tasks.length === 0 ? 'main' : 'other');
          implicitOpen = true;
        }
        r.createdIn = current ? current.id : null;
        if (awaitFrame >= 0 && PROMISE_TYPES.has(type)) {
          if (!awaitCandidate) awaitCandidate = r;
          else if (r.trigger === awaitCandidate.id) {
            awaitCandidate.awaitWrapper = true;
            awaitCandidate = r;
          } else closeAwaitWindow();
        }
        break;
      }
      case RawKind.Resolve: {
        const r = resources.get(A(i));
        if (r && r.resolveEvent < 0) r.resolveEvent = i;
        break;
      }
      case RawKind.Before:
      case RawKind.LateBefore: {
        if (depth === 0) {
          if (implicitOpen) closeTask(i);
          if (kind === RawKind.LateBefore && !resources.has(A(i))) {
            // A callback the tracer did not see scheduled (e.g. the ESM loader evaluating the entry module).
            resources.set(A(i), {
              id: A(i), type: typeNames.get(B(i)) ?? 'other', trigger: 0, exec: 0, delay: 0, interval: false, initEvent: i,
              initTime: T(i), site: -1, direct: false, createdIn: null, resolveEvent: -1, runs: [], runEnds: [], closing: -1, cancelEvent: -1,
            });
          }
          current = openTask(A(i), i, null);
        }
        depth++;
        break;
      }
      case RawKind.After: {
        depth = Math.max(0, depth - 1);
        if (depth === 0 && current) {
          const r = resources.get(current.asyncId);
          if (r) r.runEnds.push(i);
          closeTask(i);
        }
        break;
      }
      case RawKind.Enter: {
        // an async function's own promise is the parentless promise made just before its body starts
        // (the tracer may have noted where that promise was made, just after its init)
        const j = i > 1 && K(i - 1) === RawKind.ScheduledAt && K(i - 2) === RawKind.Init && A(i - 1) === A(i - 2) ? i - 2 : i - 1;
        const prev = j >= 0 && K(j) === RawKind.Init ? resources.get(A(j)) : undefined;
        if (prev && prev.type === 'PROMISE' && prev.trigger === prev.exec && prev.runs.length === 0) framePromise.set(prev.id, A(i));
        break;
      }
      case RawKind.Await:
        awaitFrame = A(i);
        awaitSite = B(i);
        awaitCandidate = null;
        break;
      case RawKind.Unhandled:
        unhandledPromises.add(A(i));
        break;
      case RawKind.ScheduledAt: {
        const r = resources.get(A(i));
        if (r) {
          r.site = B(i);
          // Made by user code through a public API (setTimeout is 3 frames deep in Node, nextTick and fs.readFile
          // 1, then() and Promise.all 0), not by Node's own code that the user called (fs.promises.readFile's steps).
          r.direct = C(i) < 0 || C(i) <= (r.type === 'PROMISE' ? 0 : r.type === 'Timeout' || r.type === 'Immediate' ? 3 : 1);
        }
        break;
      }
      case RawKind.Closing: {
        const r = resources.get(A(i));
        if (r && r.closing < 0) r.closing = i;
        break;
      }
      case RawKind.Cancel: {
        const r = resources.get(A(i));
        if (r) r.cancelEvent = i;
        break;
      }
      default:
        break;
    }
    if (kind !== RawKind.Init && kind !== RawKind.Resolve && kind !== RawKind.Before && kind !== RawKind.LateBefore && kind !== RawKind.After) {
      if (depth === 0 && !current) {
        current = openTask(0, i, tasks.length === 0 ? 'main' : 'other');
        implicitOpen = true;
      }
    }
    eventTask[i] = current ? current.id : tasks.length - 1;
    if (current) lastEventOfTask = i;
  }
  if (awaitFrame >= 0) closeAwaitWindow();
  if (current) closeTask(n - 1);

  // Which async calls' promises someone reacted to (await, then, Promise.all...): the rest were left floating.
  const handledFrames = new Set<number>();
  for (const r of resources.values()) {
    if (r.type !== 'PROMISE' || r.trigger === r.exec) continue;
    const frame = framePromise.get(r.trigger);
    if (frame !== undefined) handledFrames.add(frame);
  }

  // ---- pass 2: steps, coroutines, output -----------------------------------------------------------------------
  const steps: Step[] = [];
  const stepEvent: number[] = [];
  const coroutines: Coroutine[] = [];
  const frameCoroutine = new Map<number, number>();
  const frameSiteOf = new Map<number, number>();
  const callCount = new Map<number, number>();
  const output: Output[] = [];
  const unhandledAt: { promise: number; meta: number; step: number }[] = [];
  const madeInFrame = new Map<number, number>();
  const stack: number[] = [];
  const enqueuedJobsOf = new Map<number, number>(); // promise id -> reactions it enqueues when it settles
  for (const r of resources.values()) {
    if (r.type !== 'PROMISE' || r.runs.length === 0 || r.trigger === r.exec) continue;
    const parent = resources.get(r.trigger);
    if (parent && parent.resolveEvent > r.initEvent) enqueuedJobsOf.set(parent.id, (enqueuedJobsOf.get(parent.id) ?? 0) + 1);
  }

  const addStep = (kind: StepKind, i: number, task: number, site: number, coroutine: number, text: string, queue?: QueueName) => {
    steps.push({ kind, task, site, coroutine, text, depth: stack.length, ...(queue ? { queue } : {}) });
    stepEvent.push(i);
  };
  const fnName = (site: number) => siteFlags(site)?.name ?? '<anonymous>';
  const coroutineName = (c: number) => coroutines[c]?.name ?? '?';
  const lineOf = (site: number) => (site >= 0 && sites[site] ? `line ${sites[site].line}` : 'unknown line');

  const coroutineFor = (frame: number, site: number, i: number, task: number): number => {
    const existing = frameCoroutine.get(frame);
    if (existing !== undefined) return existing;
    const s = siteFlags(site);
    if (!s) return -1;
    const nth = (callCount.get(site) ?? 0) + 1;
    callCount.set(site, nth);
    const id = coroutines.length;
    coroutines.push({
      id,
      name: s.kind === 'module' ? `module ${fileName(s.file)}` : `${s.name ?? '<anonymous>'}#${nth}`,
      kind: s.kind === 'module' ? 'module' : s.generator ? 'async generator' : 'async function',
      source: { file: s.file, line: s.line, column: s.column },
      startTask: task,
      startStep: steps.length,
      endStep: null,
      awaits: [],
    });
    frameCoroutine.set(frame, id);
    void i;
    return id;
  };

  const races = new RaceDetector(sites);
  /** coroutine -> the coroutine that started it, and its own frame */
  const callerOf = new Map<number, { caller: number; frame: number }>();
  /** a coroutine awaited directly by another is part of that one's flow: races are judged on the root of the chain */
  const flowOf = (frame: number): number => {
    let f = frame;
    for (let guard = 0; awaitedBy.has(f) && guard < 1000; guard++) f = awaitedBy.get(f)!;
    return f;
  };
  /** the flow whose code is running: that of the innermost coroutine frame on the stack */
  const runningFlow = (frame: number): number => {
    for (let k = stack.length - 1; k >= 0; k--) {
      if (frameCoroutine.has(stack[k])) return flowOf(stack[k]);
    }
    return frameCoroutine.has(frame) ? flowOf(frame) : -1;
  };

  let taskIdx = -1;
  for (let i = 0; i < n; i++) {
    const task = eventTask[i];
    if (task !== taskIdx && task >= 0 && tasks[task].startEvent === i) {
      // a new task starts: the stack is empty again
      taskIdx = task;
      stack.length = 0;
      const t = tasks[task];
      t.startStep = steps.length;
      const r = resources.get(t.asyncId);
      if (r?.awaitFrame !== undefined) {
        const c = frameCoroutine.get(r.awaitFrame);
        if (c !== undefined) {
          t.resumes = c;
          stack.push(r.awaitFrame);
          // a coroutine waits on one await at a time: its last one is the one that resumes
          const last = coroutines[c].awaits[coroutines[c].awaits.length - 1];
          const aw = last && last.resumeTask === null ? last : undefined;
          if (aw) {
            aw.resumeTask = task;
            aw.resumeStep = steps.length;
          }
          addStep('resume', i, task, r.awaitSite ?? -1, c, `resume ${coroutineName(c)} after await (${lineOf(r.awaitSite ?? -1)})`);
          races.onResume(flowOf(r.awaitFrame), steps.length - 1);
          continue;
        }
      }
      const what = t.queue === 'main' ? 'run the main script' : `run ${t.queue} callback: ${r ? scheduleLabel(r) : t.resourceType}`;
      addStep('run', i, task, r?.site ?? -1, -1, what);
    }
    const kind = K(i);
    switch (kind) {
      case RawKind.Enter: {
        const frame = A(i);
        const site = B(i);
        frameSiteOf.set(frame, site);
        const s = siteFlags(site);
        let c = -1;
        if (s && s.async && s.kind === 'function') {
          // the coroutine whose code made this call (before this frame is on the stack)
          let caller = -1;
          for (let k = stack.length - 1; k >= 0 && caller < 0; k--) caller = frameCoroutine.get(stack[k]) ?? -1;
          c = coroutineFor(frame, site, i, task);
          if (caller >= 0 && c >= 0) callerOf.set(c, { caller, frame });
        }
        stack.push(frame);
        const label = s?.kind === 'module' ? `evaluate module ${fileName(s.file)}` : c >= 0 ? `call ${coroutineName(c)} (async)` : `call ${fnName(site)}()`;
        addStep('call', i, task, site, c, label);
        break;
      }
      case RawKind.Exit: {
        const frame = A(i);
        const at = stack.lastIndexOf(frame);
        if (at >= 0) stack.length = at;
        const c = frameCoroutine.get(frame) ?? -1;
        if (c >= 0) coroutines[c].endStep = steps.length;
        const site = frameSiteOf.get(frame) ?? -1;
        addStep('return', i, task, site, c, c >= 0 ? `${coroutineName(c)} finished` : `return from ${fnName(site)}()`);
        break;
      }
      case RawKind.Await: {
        const frame = A(i);
        const site = B(i);
        const c = coroutineFor(frame, frameSiteOf.get(frame) ?? site, i, task);
        const at = stack.lastIndexOf(frame);
        if (at >= 0) stack.length = at;
        if (c >= 0) {
          const src = sourceOf(site);
          if (src) coroutines[c].awaits.push({ source: src, suspendTask: task, resumeTask: null, suspendStep: steps.length, resumeStep: null });
        }
        addStep('await', i, task, site, c, `${c >= 0 ? coroutineName(c) : 'coroutine'} awaits (${lineOf(site)}) and gives control back to the event loop`);
        if (c >= 0) races.onAwait(flowOf(frame), site, steps.length - 1);
        break;
      }
      case RawKind.LoopResume: {
        const frame = A(i);
        if (!stack.includes(frame)) {
          stack.push(frame);
          const c = frameCoroutine.get(frame) ?? -1;
          const aw = c >= 0 ? coroutines[c].awaits[coroutines[c].awaits.length - 1] : undefined;
          if (aw && aw.resumeTask === null) {
            aw.resumeTask = task;
            aw.resumeStep = steps.length;
          }
          addStep('resume', i, task, frameSiteOf.get(frame) ?? -1, c, `${c >= 0 ? coroutineName(c) : 'loop'} resumes: for await got the next value`);
          if (c >= 0) races.onResume(flowOf(frame), steps.length - 1);
        }
        break;
      }
      case RawKind.Yield: {
        const frame = A(i);
        const at = stack.lastIndexOf(frame);
        if (at >= 0) stack.length = at;
        addStep('yield', i, task, B(i), frameCoroutine.get(frame) ?? -1, `${fnName(frameSiteOf.get(frame) ?? -1)} yields (${lineOf(B(i))})`);
        break;
      }
      case RawKind.YieldResume: {
        const frame = A(i);
        if (!stack.includes(frame)) stack.push(frame);
        addStep('resume', i, task, frameSiteOf.get(frame) ?? -1, frameCoroutine.get(frame) ?? -1, `${fnName(frameSiteOf.get(frame) ?? -1)} resumes after yield`);
        break;
      }
      case RawKind.Output: {
        const meta = outputs.get(A(i));
        const text = meta?.text ?? '';
        output.push({
          stream: meta?.stream ?? 'stdout',
          text,
          task: task >= 0 ? task : null,
          step: steps.length,
          source: sourceOf(B(i)),
          ...(meta?.truncated ? { truncated: true } : {}),
        });
        const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
        addStep('output', i, task, B(i), -1, `prints ${JSON.stringify(shown.replace(/\n$/, ''))}${meta?.stream === 'stderr' ? ' to stderr' : ''}`);
        break;
      }
      case RawKind.Init: {
        const r = resources.get(A(i));
        if (!r) break;
        // the function that made a promise nobody handled, for when its line was not captured
        if (unhandledPromises.has(r.id) && stack.length > 0) madeInFrame.set(r.id, stack[stack.length - 1]);
        if (r.type === 'PROMISE') {
          // a reaction registered on an already settled promise is queued now
          const parent = r.trigger !== r.exec ? resources.get(r.trigger) : undefined;
          if (r.runs.length > 0 && r.awaitFrame === undefined && !r.awaitWrapper && parent && parent.resolveEvent >= 0 && parent.resolveEvent < i) {
            addStep('schedule', i, task, r.site, -1, `then() on a settled promise: reaction queued as a microtask`, 'microtask');
          }
        } else if (!HANDLE_TYPES.has(r.type) || r.runs.length > 0) {
          const q = queueOf(r.type, false);
          addStep('schedule', i, task, r.site, -1, `schedule ${scheduleLabel(r)} (${q === 'io' ? 'pending I/O' : `${q} queue`})`, q);
        }
        break;
      }
      case RawKind.Unhandled:
        unhandledAt.push({ promise: A(i), meta: B(i), step: Math.max(0, steps.length - 1) });
        break;
      case RawKind.Access: {
        const c = runningFlow(A(i));
        if (c >= 0) races.onAccess(c, B(i), C(i) < 0 ? `v${-1 - C(i)}` : `o${C(i)}:${D(i)}`, E(i) === 1, Math.max(0, steps.length - 1));
        break;
      }
      case RawKind.Cancel: {
        const r = resources.get(A(i));
        if (r) {
          const q = queueOf(r.type, false);
          addStep('cancel', i, task, r.site, -1, `cancel ${scheduleLabel(r)}: it leaves the ${q === 'immediate' ? 'immediates' : 'timers'} queue without running`, q);
        }
        break;
      }
      case RawKind.Resolve: {
        const count = enqueuedJobsOf.get(A(i));
        if (count) addStep('settle', i, task, -1, -1, `a promise settles: ${count} reaction${count > 1 ? 's' : ''} queued as microtask${count > 1 ? 's' : ''}`, 'microtask');
        break;
      }
      default:
        break;
    }
  }

  // ---- queue items: every run of a resource entered a queue at some step and left it when it ran -----------------
  const stepAt = (event: number): number => {
    // the last step recorded at or before this event
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
  };
  const queueItems: QueueItem[] = [];
  for (const r of resources.values()) {
    const isPromise = r.type === 'PROMISE';
    if (isPromise && r.runs.length === 0) continue;
    if (!isPromise && r.runs.length === 0 && (HANDLE_TYPES.has(r.type) || r.type === 'unknown')) continue;
    // an interval goes back into the timers queue after each run, unless it was cleared during that run
    const lastEnd = r.runEnds[r.runEnds.length - 1];
    const requeued = r.interval && r.runs.length > 0 && lastEnd !== undefined && (r.cancelEvent < 0 || r.cancelEvent > lastEnd);
    const count = Math.max(1, r.runs.length) + (requeued ? 1 : 0);
    for (let k = 0; k < count; k++) {
      const taskId = k < r.runs.length ? r.runs[k] : null;
      let enterEvent = r.initEvent;
      let inferred = false;
      if (k > 0) {
        enterEvent = r.runEnds[k - 1] ?? r.initEvent;
        inferred = isPromise; // a second job of one promise resolves it with a thenable
      } else if (isPromise) {
        const parent = r.trigger !== r.exec ? resources.get(r.trigger) : undefined;
        if (r.awaitWrapper || !parent) inferred = true;
        else if (parent.resolveEvent >= 0) enterEvent = Math.max(r.initEvent, parent.resolveEvent);
        else inferred = true;
      }
      const task = taskId !== null ? tasks[taskId] : null;
      const q = task ? task.queue : queueOf(r.type, false);
      if (q === 'main') continue;
      let leaveStep: number | null = task ? task.startStep : null;
      if (!task && r.cancelEvent >= 0) leaveStep = stepAt(r.cancelEvent);
      const item: QueueItem = {
        id: queueItems.length,
        queue: q,
        label: scheduleLabel(r),
        task: taskId,
        enterStep: stepAt(enterEvent),
        leaveStep,
        source: sourceOf(r.site),
        ...(inferred ? { inferred: true } : {}),
      };
      if (r.type === 'Timeout') item.due = (k === 0 ? r.initTime : (r.runs[k - 1] !== undefined ? tasks[r.runs[k - 1]].startTime : r.initTime)) + r.delay * 1000;
      queueItems.push(item);
      if (task) {
        task.enqueuedAt = item.enterStep;
        if (inferred) task.enqueueInferred = true;
      }
    }
  }
  queueItems.sort((a, b) => a.enterStep - b.enterStep || a.id - b.id);
  queueItems.forEach((q, i) => (q.id = i));

  // ---- finish tasks ---------------------------------------------------------------------------------------------
  for (let t = 0; t < tasks.length; t++) {
    tasks[t].endStep = t + 1 < tasks.length ? Math.max(tasks[t].startStep, tasks[t + 1].startStep - 1) : Math.max(tasks[t].startStep, steps.length - 1);
  }
  for (const t of tasks) {
    const r = resources.get(t.asyncId);
    t.source = r ? sourceOf(r.site) : null;
    const first = steps.slice(t.startStep, Math.min(t.endStep + 1, t.startStep + 4)).find((s) => s.kind === 'call');
    const callee = first ? sites[first.site]?.name : undefined;
    const base = t.queue === 'main' ? 'main script' : r ? scheduleLabel(r) : t.resourceType;
    t.label = t.resumes !== undefined ? `resume ${coroutineName(t.resumes)}` : callee && t.queue !== 'main' ? `${base} → ${callee}` : base;
  }
  const USER_STEPS = new Set<StepKind>(['call', 'await', 'resume', 'output', 'yield']);
  for (const t of tasks) {
    if (t.queue === 'main' || t.resumes !== undefined || resources.get(t.asyncId)?.direct) continue;
    let user = false;
    for (let s = t.startStep; s < steps.length && steps[s].task === t.id; s++) {
      if (USER_STEPS.has(steps[s].kind)) {
        user = true;
        break;
      }
    }
    if (!user) t.internal = true;
  }
  for (const q of queueItems) {
    if (q.task !== null ? tasks[q.task].internal : !q.source) q.internal = true;
  }
  // A task that contains the entry module's body is the main script, whichever callback Node evaluated it in.
  for (const t of tasks) {
    if (t.queue === 'main') break;
    const hasEntry = steps.slice(t.startStep, t.endStep + 1).some((s) => s.kind === 'call' && sites[s.site]?.kind === 'module' && sites[s.site].file === run.entry);
    if (hasEntry) {
      t.queue = 'main';
      t.label = 'main script';
      t.scheduledBy = null;
      const item = queueItems.find((q) => q.task === t.id);
      if (item) item.queue = 'main';
      const s = steps[t.startStep];
      if (s.kind === 'run') s.text = 'run the main script';
      break;
    }
  }
  const visibleItems = queueItems.filter((q) => q.queue !== 'main');
  visibleItems.forEach((q, i) => (q.id = i));

  const program: ProgramInfo = {
    entry: run.entry,
    node: start?.node ?? 'unknown',
    argv: start?.argv ?? [],
    cwd: start?.cwd ?? '',
    exitCode: run.exitCode,
    signal: run.signal,
    stopped: (stop?.reason as StopReason | undefined) ?? run.stopped ?? null,
    durationMs: run.durationMs,
    events: n,
  };
  const detail = stop?.detail ?? run.stopDetail;
  if (detail) program.stopDetail = detail;
  if (stop?.activeResources?.length) program.activeResources = stop.activeResources;
  if (error) {
    program.error = {
      origin: error.origin,
      name: error.name,
      message: error.message,
      source: error.file ? { file: error.file, line: error.line ?? 1, column: error.column ?? 1 } : null,
    };
  }
  if (output.some((o) => o.truncated)) program.outputTruncated = true;

  /** async calls started inside another coroutine, never awaited or handled, still running when their creator finished */
  function floatingPromises(): Finding[] {
    const found: Finding[] = [];
    const seen = new Set<string>();
    const framesWithPromise = new Set(framePromise.values());
    const promiseOfFrame = new Map<number, number>();
    for (const [promise, frame] of framePromise) promiseOfFrame.set(frame, promise);
    for (const [c, { caller, frame }] of callerOf) {
      // judged only when the call's own promise was seen, and nobody reacted to it
      if (!framesWithPromise.has(frame) || handledFrames.has(frame)) continue;
      const co = coroutines[c];
      const by = coroutines[caller];
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
          { ...(sourceOf(resources.get(promiseOfFrame.get(frame) ?? -1)?.site ?? -1) ?? co.source), role: 'floating', step: co.startStep },
          { ...by.source, role: 'creator', step: by.endStep },
        ],
      });
    }
    return found;
  }

  /** the unhandled rejections Node announced: which promise, where it was made, where it was rejected */
  function unhandledRejections(): UnhandledRejection[] {
    return unhandledAt.map(({ promise, meta, step }) => {
      const m = unhandledMeta.get(meta);
      const r = resources.get(promise);
      const frame = framePromise.get(promise);
      const co = frame !== undefined ? frameCoroutine.get(frame) : undefined;
      const madeSite = madeInFrame.has(promise) ? (frameSiteOf.get(madeInFrame.get(promise)!) ?? -1) : -1;
      const madeIn = r && r.site < 0 ? sourceOf(madeSite) : null;
      return {
        name: m?.name ?? 'Error',
        message: m?.message ?? '',
        thrown: m?.file ? { file: m.file, line: m.line ?? 1, column: m.column ?? 1 } : null,
        created: r ? sourceOf(r.site) : null,
        madeIn,
        madeInName: !madeIn ? null : sites[madeSite].kind === 'module' ? `the top-level code of ${fileName(madeIn.file)}` : `${fnName(madeSite)} (line ${madeIn.line}, ${fileName(madeIn.file)})`,
        // an async call's promise: the step where the call starts; another promise: the last step before it was made
        createdStep: co !== undefined && coroutines[co] ? coroutines[co].startStep : r ? stepAt(r.initEvent) : null,
        rejectedStep: r && r.resolveEvent >= 0 ? stepAt(r.resolveEvent) : step,
        coroutine: co ?? null,
        listened: m?.listened === true,
      };
    });
  }

  const base = {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    program,
    tasks: tasks.map(({ asyncId: _a, startEvent: _s, endEvent: _e, ...t }) => t),
    coroutines,
    output,
    queueItems: visibleItems,
    steps,
    sites,
  } as const;
  return {
    ...base,
    findings: [
      // the race detector speaks of flows (root frames); the trace names coroutines
      ...races.findings().map((f) => ({ ...f, coroutines: f.coroutines?.map((frame) => frameCoroutine.get(frame) ?? -1) })),
      ...asyncMistakes(base, DEFAULT_MISTAKE_OPTIONS, races.accessLog, unhandledRejections()),
      ...floatingPromises(),
    ],
  };
}

