// The tracer inside the user's Node process: the hooks, the runtime that instrumented code calls, output capture,
// module instrumentation and the limits. Everything here must be invisible to the program.
import asyncHooks from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Module from 'node:module';
import { types as utilTypes } from 'node:util';
import { pathToFileURL, fileURLToPath } from 'node:url';
import workerThreads from 'node:worker_threads';
import { Recorder } from './recorder';
import { RawKind, EXIT_TIMEOUT, EXIT_MAX_EVENTS, messageOutC, type MetaRecord } from '../core/raw-events';
import type { ModuleFormat } from '../instrument/prepare';
import { InstrumentSyntaxError } from '../instrument/syntax-error';
import { instrumenterRealm } from './instrumenter-realm';
import { RUNTIME_GLOBAL, type TracerRuntime } from '../instrument/runtime-api';
import { isUserFile, readOverrides, type TracerConfig, CONFIG_ENV } from './config';
import { hidePromiseIds } from './promise-ids';
import { restoreFunctionText } from './function-text';
import { captureOutput } from './output';
import { listenForStop } from './control';
import { stripExecArgv, leaveRequireCache, enableSourceMaps, withoutStdioListeners, hideInstrumentedSourceMaps, programSourceMapsEnabled } from './process-view';
import { mapStackFrames } from './stacks';
import { watchThreads, CONFIG_KEY, ENTRY_KEY, Channel, type MessageSink } from './threads';
import { payloadShape } from './payload';
import { watchProcesses, startChildProcess } from './processes';
import {
  ReflectApply,
  ReflectGetOwnPropertyDescriptor,
  ReflectGetPrototypeOf,
  ObjectHasOwn,
  ArrayIsArray,
  JSONParse,
  MathMin,
  MathRound,
  StringCtor,
  ArraySplice,
  MapGet,
  MapSet,
  SetHas,
  SetAdd,
  SafeMap,
  SafeWeakMap,
  WeakSetHas,
  WeakSetAdd,
  StringStartsWith,
  StringSlice,
  RegExpExec,
  OriginalPromise,
  PromisePrototype,
  TypedArraySet,
  Uint8ArrayCtor,
  Int32ArrayCtor,
} from './primordials';

/** Install the tracer in this thread: the program's main thread, or one of its worker threads. */
export function install(): void {
  const inWorker = !workerThreads.isMainThread;
  // the main thread has it from the runner; each worker from its parent (environment data is copied into a worker)
  const configText = inWorker ? workerThreads.getEnvironmentData(CONFIG_KEY) : process.env[CONFIG_ENV];
  const config = JSON.parse(typeof configText === 'string' ? configText : 'null') as TracerConfig | null;
  if (!config) {
    if (inWorker) return; // a worker of a program started without the tracer's configuration (cannot happen from the runner)
    throw new Error('loopscope tracer: missing configuration');
  }
  const cfg: TracerConfig = config;
  // the instrumenter, in a realm of its own, made on first use (a child process asks it its entry's format first)
  const instrumenter = instrumenterRealm(join(__dirname, 'instrumenter.cjs'), { runDir: cfg.dir, cacheDir: cfg.cacheDir });
  if (!inWorker) {
    delete process.env[CONFIG_ENV];
    // a child process: its environment as the program gave it, its own thread id in the trace, its entry
    if (cfg.child && !startChildProcess(cfg)) return;
    if (cfg.child && cfg.entry !== '') {
      try {
        cfg.esmEntry = instrumenter.moduleFormatOf(cfg.entry) === 'module';
      } catch {
        cfg.esmEntry = true; // unreadable here: Node will say so, with the hooks in place as for any module
      }
    }
    workerThreads.setEnvironmentData(CONFIG_KEY, JSON.stringify(cfg));
  }
  /** the trace's id of this process's main thread (0 in the program's own process) */
  const base = cfg.child?.thread ?? 0;
  const childProcess = !inWorker && cfg.child !== undefined;
  // what the program sees of its process: no tracer flags (its Node children start untraced), no tracer module
  stripExecArgv(config.execArgv ?? []);
  // a worker whose execArgv the program set got the preload alone (see tracer/threads.ts)
  if (inWorker && config.execArgv?.[0] === '--require') stripExecArgv(config.execArgv.slice(0, 2));
  leaveRequireCache(__filename);
  enableSourceMaps();

  // Captured before the program can replace them.
  const { executionAsyncId } = asyncHooks;
  const { isProxy, isPromise } = utilTypes;
  const now = performance.now.bind(performance);
  const realSetTimeout = setTimeout;
  const realSetImmediate = setImmediate;
  const RealError = Error;
  const reallyExit = (process as unknown as { reallyExit: (code: number) => never }).reallyExit.bind(process);
  // What keeps the program alive, less its own stdout and stderr (a terminal or a pipe to whoever started it).
  const activeResources = (): string[] => {
    const list = process.getActiveResourcesInfo?.() ?? [];
    for (const stream of [process.stdout, process.stderr]) {
      const kind = (stream as unknown as { _handle?: { constructor?: { name?: string } } })._handle?.constructor?.name;
      const at = kind ? list.indexOf(`${kind}Wrap`) : -1;
      if (at >= 0) ArraySplice(list, at, 1);
    }
    return list;
  };

  const rec = new Recorder(config.dir, base + workerThreads.threadId);
  const t0 = now();
  const micros = (): number => MathMin(0x7fffffff, MathRound((now() - t0) * 1000));

  // ---- state ---------------------------------------------------------------------------------------------------
  let internal = 1; // >0 while the tracer itself works (setting up, writing output): nothing is recorded
  // The stack of user frames (all callbacks', the current one's from `stackBase` up), kept here rather than in the
  // frames: a synchronous function reports its entry and its returns by site (instrument.ts), and a throw that leaves
  // it is learnt of where it is caught, or when the callback ends; the frames it unwound are reported then. The site
  // of a frame that keeps its frame id (async, generator) is -1: it is always found by its frame.
  let stackFrames: Int32Array<ArrayBuffer> = new Int32Array(1 << 15);
  let stackSites: Int32Array<ArrayBuffer> = new Int32Array(1 << 15);
  let stackTop = 0;
  let stackBase = 0;
  let awaitWindow = 0; // promises still to record after an await marker (the wrapper and the throwaway)
  // One entry per nested `before` (callbacks inside callbacks), up to ctxTop: written by index, never pushed or popped
  // (no builtin call, none the program could have replaced)
  let ctxTop = 0;
  const ctxFlags: boolean[] = []; // was that callback recorded?
  const ctxStackBase: number[] = []; // stackBase to restore when that callback ends
  const ctxStackTop: number[] = []; // and the stack's top: what is above it was unwound by a throw
  let recorded: Uint8Array<ArrayBuffer> = new Uint8Array(1 << 16); // asyncId -> recorded?
  let typeCodes: Uint8Array<ArrayBuffer> = new Uint8Array(1 << 16); // asyncId -> resource type code
  let awaitFrames: Int32Array<ArrayBuffer> = new Int32Array(1 << 16); // asyncId -> the frame whose await made it (its before resumes it), or 0
  let awaitingFrame = 0; // the frame of the last await marker
  let siteVars: Int32Array<ArrayBuffer> = new Int32Array(1 << 12); // site of a variable access -> the variable's site
  let asyncSites: Uint8Array<ArrayBuffer> = new Uint8Array(1 << 12); // site -> 1 for an async function (or async generator)
  // Coroutine steps on the stack now: +1 when an async function is entered or resumed (after an await, a yield of an
  // async generator), -1 when it suspends or returns. Shared-state accesses of synchronous functions count only while
  // it is above 0: a helper called from a coroutine's step is part of that step. A frame id is odd for an async
  // function, even otherwise, so the hooks tell them apart without a lookup.
  let coroutineSteps = 0;
  const ctxCoroutineSteps: number[] = []; // coroutineSteps to restore when that callback ends
  const typeCodeOf = new Map<string, number>();
  let frameSeq = 0;
  let siteSeq = 0;
  let stopping = false;
  let lastFlush = 0;
  const userFiles = new Set<string>();

  /** `arr` made long enough to hold index `id` (doubled, its values kept) */
  function grow<T extends Uint8Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(arr: T, id: number, Made: new (length: number) => T): T {
    let size = arr.length;
    while (size <= id) size *= 2;
    const next = new Made(size);
    TypedArraySet(next, arr);
    return next;
  }

  function typeCode(type: string): number {
    let code = MapGet(typeCodeOf, type);
    if (code === undefined) {
      code = typeCodeOf.size + 1;
      MapSet(typeCodeOf, type, code);
      rec.meta({ t: 'type', code, name: type });
    }
    return code;
  }
  const PROMISE = typeCode('PROMISE');
  const MESSAGEPORT = typeCode('MESSAGEPORT');
  const TICKOBJECT = typeCode('TickObject');
  const WORKER = typeCode('WORKER');

  function push(kind: RawKind, a: number, b = 0, c = 0, d = 0, e = 0): void {
    rec.push(kind, a, b, c, d, e, micros());
    if (rec.count > cfg.maxEvents && !stopping) stop('max-events', `the program produced more than ${cfg.maxEvents} events`);
  }

  // ---- where user code scheduled something: the first user frame of the stack, mapped to the original source ----
  const siteIds = new Map<string, number>();
  // the real module.findSourceMap, for the tracer's own lookups; the program's shows no map of an instrumented file
  const findSourceMap = Module.findSourceMap?.bind(Module);
  hideInstrumentedSourceMaps((file) => SetHas(userFiles, file));
  // stack frames of instrumented files at their original positions, formatted as untraced Node formats them
  mapStackFrames({
    instrumented: (name) => SetHas(userFiles, StringStartsWith(name, 'file://') ? filePath(name) : name),
    findSourceMap: (name) => findSourceMap?.(name) as never,
    programSourceMaps: programSourceMapsEnabled,
  });
  /** the Error.prepareStackTrace a program starts with (Node's default, or none): reading a stack with it runs no program code */
  const defaultPrepareStackTrace = (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
  let stackBudget = config.stackCaptures;
  const returnCallSites = (_e: Error, cs: NodeJS.CallSite[]) => cs;

  /** userFrameIndex when the stack was not looked at (budget spent): the origin is unknown, not internal. */
  const UNKNOWN_ORIGIN = -2;
  /** How many Node API frames stood between the hook and the first user frame in the last userCallSite() stack. */
  let userFrameIndex = -1;
  // Promise stacks are the costly ones (a Promise.all of 1,000 makes 1,000): at most this many per task.
  const PROMISE_CAPTURES_PER_TASK = 32;
  let promiseCapturesLeft = PROMISE_CAPTURES_PER_TASK;
  /** the same budget for promises user code made without a parent: new Promise, Promise.reject, async calls */
  let madeCapturesLeft = PROMISE_CAPTURES_PER_TASK;
  // ...and for the whole run: these lines only matter for a promise whose rejection nobody handles, and a stack
  // costs microseconds; past this, the model names the function that made the promise instead of its line
  let madeCapturesInRun = 2_000;
  /**
   * Where user code made something: the first user frame of the stack. With `madePromise`, for a promise that has no
   * parent: when the first frame is user code itself (no builtin like `new Promise` in between), the promise is an
   * async function's own, made as its body starts, and where it was made is the caller's line, the next frame.
   */
  function userCallSite(madePromise = false): number {
    userFrameIndex = -1;
    if (stackBudget <= 0) {
      userFrameIndex = UNKNOWN_ORIGIN;
      return -1;
    }
    stackBudget--;
    const E = RealError as unknown as { prepareStackTrace?: unknown; stackTraceLimit: number; captureStackTrace(o: object): void };
    const prep = E.prepareStackTrace;
    const limit = E.stackTraceLimit;
    E.prepareStackTrace = returnCallSites;
    E.stackTraceLimit = 16;
    const holder: { stack?: NodeJS.CallSite[] } = {};
    try {
      E.captureStackTrace(holder);
      const stack = holder.stack ?? [];
      // Count the Node API frames between the hook and the first user frame: the tracer's own frames, async_hooks'
      // and V8 builtins (then, all: no file name) do not count.
      let apiFrames = 0;
      let builtin = false;
      let skipOwn = madePromise;
      for (let i = 0; i < stack.length; i++) {
        const cs = stack[i];
        const name = cs.getFileName();
        if (!name) {
          builtin = true;
          continue;
        }
        const file = StringStartsWith(name, 'file://') ? filePath(name) : name;
        if (!SetHas(userFiles, file)) {
          if (!StringStartsWith(file, cfg.tracerDir) && file !== 'node:internal/async_hooks') {
            apiFrames++;
            skipOwn = false;
          }
          continue;
        }
        if (skipOwn && !builtin) {
          // the async function's own frame: its promise was made by the call on the next frame
          skipOwn = false;
          continue;
        }
        userFrameIndex = apiFrames;
        return internSite(name, file, cs.getLineNumber() ?? 1, cs.getColumnNumber() ?? 1);
      }
      return -1;
    } finally {
      E.prepareStackTrace = prep;
      E.stackTraceLimit = limit;
    }
  }

  const filePaths = new Map<string, string>();
  function filePath(url: string): string {
    let path = MapGet(filePaths, url);
    if (path === undefined) {
      path = fileURLToPath(url);
      MapSet(filePaths, url, path);
    }
    return path;
  }

  /**
   * An instrumented file's source map, looked up through Node once per file (when the file registers its sites, as its
   * body starts): Node's lookup calls builtins as the program may have replaced them by the time a site is interned.
   */
  const sourceMaps = new Map<string, NonNullable<ReturnType<NonNullable<typeof findSourceMap>>>>();
  function sourceMapOf(file: string): ReturnType<NonNullable<typeof findSourceMap>> | undefined {
    let map = MapGet(sourceMaps, file);
    if (map === undefined) {
      map = findSourceMap?.(file) ?? findSourceMap?.(pathToFileURL(file).href);
      if (map) MapSet(sourceMaps, file, map);
    }
    return map;
  }

  /** `name` is how V8 names the script (a path, or a file: URL for ES modules), `file` its path. */
  function internSite(name: string, file: string, genLine: number, genColumn: number): number {
    const key = `${name}:${genLine}:${genColumn}`;
    let id = MapGet(siteIds, key);
    if (id !== undefined) return id;
    let line = genLine;
    let column = genColumn;
    const map = sourceMapOf(file);
    const entry = map?.findEntry(genLine - 1, genColumn - 1) as { originalLine?: number; originalColumn?: number } | undefined;
    if (entry && typeof entry.originalLine === 'number') {
      line = entry.originalLine + 1;
      column = (entry.originalColumn ?? 0) + 1;
    }
    id = siteSeq++;
    MapSet(siteIds, key, id);
    rec.meta({ t: 'site', id, file, line, column });
    return id;
  }

  /** The callback running now becomes a task of the trace, if it is not one already (`type`: its resource type code,
   * when the resource was made before the tracer started) */
  function recordCurrentTask(type = 0): void {
    const top = ctxTop - 1;
    if (top < 0 || ctxFlags[top]) return;
    const eid = executionAsyncId();
    ctxFlags[top] = true;
    if (eid >= recorded.length) recorded = grow(recorded, eid, Uint8ArrayCtor);
    recorded[eid] = 1;
    push(RawKind.LateBefore, eid, (eid < typeCodes.length ? typeCodes[eid] : 0) || type);
  }

  // A worker can be ended from outside (worker.terminate(), the program's exit) with no chance to write what it
  // buffered: its recording goes to disk once each turn of its loop has run its callbacks (an unref'd immediate,
  // made while the tracer works: never recorded, keeps nothing alive), and whenever it sends a message.
  let flushQueued = false;
  function flushWhenIdle(): void {
    flushQueued = true;
    internal++;
    try {
      realSetImmediate(() => {
        flushQueued = false;
        lastFlush = now();
        rec.flush();
      }).unref();
    } finally {
      internal--;
    }
  }

  // ---- other loops: the workers and child processes this thread starts, and the messages between them ------------
  const messages: MessageSink = {
    recording: () => internal === 0,
    sent(peer, seq, channel, payload, listening) {
      recordCurrentTask();
      const [type, size] = payloadShape(payload);
      // where the program sent it: the first user frame (the postMessage or send call)
      push(RawKind.MessageOut, peer, seq, messageOutC(channel, listening, userCallSite()), type, size);
      // the answer may make the parent end this worker or child at once (worker.terminate(), child.kill()): what led
      // to it is kept
      if (inWorker || childProcess) {
        internal++;
        rec.flush();
        internal--;
      }
    },
    unsent(peer, seq, channel) {
      push(RawKind.MessageUnsent, peer, seq, channel);
    },
    received(peer, seq, channel, heard) {
      if (internal !== 0) return;
      // a port's listeners run in a MESSAGEPORT task; Node emits an IPC message in a nextTick task of its own
      recordCurrentTask(channel === Channel.Parent || channel === Channel.Child ? TICKOBJECT : MESSAGEPORT);
      push(RawKind.MessageIn, peer, seq, channel, heard ? 0 : 1);
    },
  };
  // (its preload flags: for a worker whose execArgv the program sets)
  const preloadFlags = cfg.execArgv?.[0] === '--require' ? cfg.execArgv.slice(0, 2) : [];
  const threads = watchThreads({
    ...messages,
    worker(thread, entry, name) {
      rec.meta({ t: 'worker', thread, entry, name });
    },
    channel(port1, port2) {
      rec.meta({ t: 'channel', ports: [port1, port2] });
    },
    handoff(via, ports, incoming) {
      rec.meta({ t: 'handoff', via, ports, ...(incoming ? { incoming: true } : {}) });
    },
    broadcastChannel(id, name, after) {
      rec.meta({ t: 'broadcast', id, name, after });
    },
  }, preloadFlags, base, inWorker ? -1 : (cfg.child?.parent ?? -1));
  const processes = watchProcesses(
    messages,
    cfg,
    threads.id,
    cfg.child?.deadline ?? Date.now() + cfg.timeoutMs,
    cfg.child?.piped ?? { stdout: false, stderr: false },
    () => {
      if (!stopping) stop('timeout', 'the program was still running at the time limit');
    },
  );

  // ---- async_hooks -----------------------------------------------------------------------------------------------
  // A child running code given with -e or -p: Node runs it from its options, uninstrumented (as eval'd code), so no
  // user frame marks it; what runs before the first callback, at the top of the stack, is that code: it counts as
  // the user's (as a module body would), and so do the callbacks it schedules.
  let codeTopLevel = childProcess && cfg.entry === '';
  const shouldRecord = (): boolean => internal === 0 && (stackTop > stackBase || awaitWindow > 0 || (ctxTop > 0 ? ctxFlags[ctxTop - 1] : codeTopLevel));

  let closePatched = false;
  function watchClose(resource: object): void {
    // A handle's close callback runs in libuv's close phase; note when the program asks for a close.
    closePatched = true;
    let proto = Object.getPrototypeOf(resource) as Record<string, unknown> | null;
    while (proto && !ObjectHasOwn(proto, 'close')) proto = ReflectGetPrototypeOf(proto) as Record<string, unknown> | null;
    if (!proto) return;
    const original = proto.close as (this: { getAsyncId?: () => number }, ...args: unknown[]) => unknown;
    if (typeof original !== 'function' || (original as { __lsWrapped?: boolean }).__lsWrapped) return;
    const wrapped = function (this: { getAsyncId?: () => number }, ...args: unknown[]) {
      try {
        const id = this.getAsyncId?.();
        if (id !== undefined && id < recorded.length && recorded[id]) push(RawKind.Closing, id);
      } catch {
        /* never disturb the program */
      }
      return ReflectApply(original, this, args);
    };
    (wrapped as { __lsWrapped?: boolean }).__lsWrapped = true;
    proto.close = wrapped;
  }
  const HANDLE_TYPES = new Set(['TCPWRAP', 'TCPSERVERWRAP', 'PIPEWRAP', 'PIPESERVERWRAP', 'UDPWRAP', 'TTYWRAP', 'PROCESSWRAP', 'FSEVENTWRAP', 'SIGNALWRAP']);

  asyncHooks
    .createHook({
      init(id, type, trigger, resource) {
        try {
          const code = type === 'PROMISE' ? PROMISE : typeCode(type);
          if (code === MESSAGEPORT) threads.portMade(resource as object);
          else if (code === WORKER && internal === 0) threads.workerMade(resource as object); // (not the tracer's ESM loader)
          if (id >= typeCodes.length) typeCodes = grow(typeCodes, id, Uint8ArrayCtor);
          typeCodes[id] = code;
          if (!shouldRecord()) return;
          const inAwait = awaitWindow > 0 && code === PROMISE;
          if (inAwait) {
            awaitWindow--;
            if (id >= awaitFrames.length) awaitFrames = grow(awaitFrames, id, Int32ArrayCtor);
            awaitFrames[id] = awaitingFrame;
          }
          if (id >= recorded.length) recorded = grow(recorded, id, Uint8ArrayCtor);
          recorded[id] = 1;
          let delay = -1;
          if (type === 'Timeout') {
            const t = resource as { _idleTimeout?: number; _repeat?: number | null };
            delay = t._idleTimeout! > 0 ? MathRound(t._idleTimeout!) : 0;
            if (t._repeat) delay = -2 - delay; // intervals encode as -2 - delay
          }
          push(RawKind.Init, id, trigger, code, executionAsyncId(), delay);
          // where user code scheduled it; an await's own promises are located by the await marker instead
          if (code !== PROMISE || (!inAwait && stackTop > stackBase && trigger !== executionAsyncId())) {
            const site = code !== PROMISE || promiseCapturesLeft-- > 0 ? userCallSite() : ((userFrameIndex = UNKNOWN_ORIGIN), -1);
            if (site >= 0 || userFrameIndex === UNKNOWN_ORIGIN) push(RawKind.ScheduledAt, id, site, userFrameIndex);
          } else if (!inAwait && stackTop > stackBase && madeCapturesInRun > 0 && madeCapturesLeft-- > 0) {
            madeCapturesInRun--;
            // a promise user code made (new Promise, Promise.reject, an async call): where, for an unhandled rejection
            const site = userCallSite(true);
            if (site >= 0) push(RawKind.ScheduledAt, id, site, userFrameIndex);
          }
          if (!closePatched && SetHas(HANDLE_TYPES, type)) watchClose(resource as object);
        } catch {
          /* a throwing hook would kill the program */
        }
      },
      before(id) {
        const on = id < recorded.length && recorded[id] === 1 && internal === 0;
        if (ctxTop === 0) {
          promiseCapturesLeft = madeCapturesLeft = PROMISE_CAPTURES_PER_TASK;
          codeTopLevel = false;
        }
        ctxFlags[ctxTop] = on;
        ctxStackBase[ctxTop] = stackBase;
        ctxStackTop[ctxTop] = stackTop;
        ctxCoroutineSteps[ctxTop] = coroutineSteps;
        ctxTop++;
        stackBase = stackTop;
        // an await resumption runs the coroutine: a user frame is on the stack
        const resumed = id < awaitFrames.length ? awaitFrames[id] : 0;
        coroutineSteps = resumed !== 0 ? 1 : 0;
        if (resumed !== 0) pushFrame(resumed, -1);
        awaitWindow = 0;
        try {
          if (on) push(RawKind.Before, id);
        } catch {
          /* a hook that throws ends the program; at a recursion's limit there may be no room left for the event */
        }
      },
      after(id) {
        let on = false;
        let top = 0;
        if (ctxTop > 0) {
          ctxTop--;
          on = ctxFlags[ctxTop];
          top = ctxStackTop[ctxTop];
          stackBase = ctxStackBase[ctxTop];
          coroutineSteps = ctxCoroutineSteps[ctxTop];
        } else stackBase = coroutineSteps = 0;
        try {
          // frames a throw unwound (caught by Node, or by code that is not the program's) leave with the callback
          unwindTo(top);
          if (on) push(RawKind.After, id);
        } catch {
          stackTop = top; // no room left on the stack for the events (a recursion being unwound)
        }
        if (ctxTop === 0 && rec.buffered > 0 && now() - lastFlush > 50) {
          lastFlush = now();
          rec.flush();
        } else if (inWorker && ctxTop === 0 && rec.buffered > 0 && !flushQueued) flushWhenIdle();
      },
      promiseResolve(id) {
        try {
          if (id < recorded.length && recorded[id] === 1) push(RawKind.Resolve, id);
        } catch {
          /* as in before */
        }
      },
    })
    .enable();
  const promiseIds = process.env.LS_NOHIDE ? { idOf: () => -1 } : hidePromiseIds();
  const registerFunctionText = restoreFunctionText(config.dir);

  // ---- the runtime that instrumented code calls --------------------------------------------------------------
  // identities for race detection: objects by a weak map, keys interned (objects used as keys by identity)
  const objectIds = new SafeWeakMap<object, number>();
  let nextObjectId = 1;
  const objectId = (o: object): number => {
    let id = objectIds.get(o);
    if (id === undefined) {
      id = nextObjectId++;
      objectIds.set(o, id);
    }
    return id;
  };
  const keyIds = new SafeMap<string, number>();
  const keyId = (k: unknown): number => {
    if ((typeof k === 'object' && k !== null) || typeof k === 'function') return -objectId(k as object);
    const text = `${typeof k}:${StringCtor(k)}`;
    let id = keyIds.get(text);
    if (id === undefined) {
      id = keyIds.size + 1;
      keyIds.set(text, id);
    }
    return id;
  };
  const { Map: RealMap, Set: RealSet, WeakMap: RealWeakMap, WeakSet: RealWeakSet } = globalThis;
  const isCollection = (c: unknown) => c instanceof RealMap || c instanceof RealSet || c instanceof RealWeakMap || c instanceof RealWeakSet;
  /** `root.a.b` followed through data properties only: no getter or Proxy trap of the program runs (undefined otherwise) */
  const dataPath = (root: unknown, path: readonly string[]): unknown => {
    let value = root;
    for (const key of path) {
      if ((typeof value !== 'object' || value === null) && typeof value !== 'function') return undefined;
      let holder: object | null = value as object;
      let desc: PropertyDescriptor | undefined;
      while (holder && !isProxy(holder) && !(desc = ReflectGetOwnPropertyDescriptor(holder, key))) holder = ReflectGetPrototypeOf(holder);
      if (!desc || !('value' in desc)) return undefined;
      value = desc.value;
    }
    return value;
  };
  /** an access by a synchronous function while no coroutine runs: not part of any coroutine's step */
  const outsideCoroutine = (frame: number): boolean => (frame & 1) === 0 && coroutineSteps === 0;
  let loopTicks = 0;
  const deadline = t0 + config.timeoutMs;

  /** A native promise V8 awaits as it is (PromiseResolve returns it): read without running any getter of the program's. */
  function plainPromise(value: unknown): boolean {
    if (!isPromise(value) || ReflectGetPrototypeOf(value as object) !== PromisePrototype || ObjectHasOwn(value as object, 'constructor')) return false;
    const ctor = ReflectGetOwnPropertyDescriptor(PromisePrototype, 'constructor');
    return !!ctor && ctor.value === OriginalPromise;
  }

  // ---- the stack of user frames --------------------------------------------------------------------------------
  function pushFrame(frame: number, site: number): void {
    if (stackTop >= stackFrames.length) {
      stackFrames = grow(stackFrames, stackTop, Int32ArrayCtor);
      stackSites = grow(stackSites, stackTop, Int32ArrayCtor);
    }
    stackFrames[stackTop] = frame;
    stackSites[stackTop] = site;
    stackTop++;
  }
  /** the frames above `at` were unwound by a throw: they leave now, innermost first */
  function unwindTo(at: number): void {
    while (stackTop > at) push(RawKind.Exit, stackFrames[--stackTop]);
  }
  /** the index of a frame (by its id) in the current callback, or -1 */
  function indexOfFrame(frame: number): number {
    for (let i = stackTop - 1; i >= stackBase; i--) if (stackFrames[i] === frame) return i;
    return -1;
  }
  /** the index of the innermost frame of a synchronous function (by its site) in the current callback, or -1 */
  function indexOfSite(site: number): number {
    for (let i = stackTop - 1; i >= stackBase; i--) if (stackSites[i] === site) return i;
    return -1;
  }
  /** a frame leaves (returns, or suspends at an await or a yield): it and whatever a throw left above it */
  function leave(at: number): void {
    unwindTo(at + 1);
    stackTop = at;
  }
  /**
   * A catch clause of a function whose frames keep no id runs: which of its frames on the stack is it? The innermost
   * unless a throw left one of them unwound above it (recursion): then the stack says how many of its frames are
   * still there (counted by the function's position in its file, as V8 gives it).
   */
  function catchingFrame(site: number, innermost: number): number {
    let below = -1;
    for (let i = innermost - 1; i >= stackBase && below < 0; i--) if (stackSites[i] === site) below = i;
    if (below < 0) return innermost; // the only frame of that function: it catches
    const E = RealError as unknown as { prepareStackTrace?: unknown; stackTraceLimit: number; captureStackTrace(o: object): void };
    const prep = E.prepareStackTrace;
    const limit = E.stackTraceLimit;
    internal++;
    try {
      E.prepareStackTrace = returnCallSites;
      E.stackTraceLimit = Infinity;
      const holder: { stack?: NodeJS.CallSite[] } = {};
      E.captureStackTrace(holder);
      const stack = holder.stack ?? [];
      let live = 0;
      let file: string | null = null;
      let line = 0;
      let column = 0;
      for (let i = 0; i < stack.length; i++) {
        const cs = stack[i];
        const name = cs.getFileName();
        if (file === null) {
          // the catching frame: the first one of a user file (under it, this setter)
          if (!name || !SetHas(userFiles, StringStartsWith(name, 'file://') ? filePath(name) : name)) continue;
          file = name;
          line = cs.getEnclosingLineNumber?.() ?? 0;
          column = cs.getEnclosingColumnNumber?.() ?? 0;
          live = 1;
        } else if (name === file && cs.getEnclosingLineNumber?.() === line && cs.getEnclosingColumnNumber?.() === column) live++;
      }
      // the live-th frame of the function from the bottom of the stack
      for (let i = 0; i < stackTop; i++) if (stackSites[i] === site && --live === 0) return i >= stackBase ? i : innermost;
      return innermost;
    } catch {
      return innermost; // no room left to look (a stack overflow being caught)
    } finally {
      E.prepareStackTrace = prep;
      E.stackTraceLimit = limit;
      internal--;
    }
  }

  // ---- the runtime that instrumented code calls (a class: V8 calls a class's setters as fast as its methods) ------
  class Runtime implements TracerRuntime {
    /** register a file's sites; returns the id of its first site */
    r(file: string, sitesJson: string): number {
      const sites = JSONParse(sitesJson) as { kind?: string; async?: boolean; v?: number }[];
      const base = siteSeq;
      siteSeq += sites.length;
      if (siteSeq > asyncSites.length) asyncSites = grow(asyncSites, siteSeq, Uint8ArrayCtor);
      if (siteSeq > siteVars.length) siteVars = grow(siteVars, siteSeq, Int32ArrayCtor);
      for (let i = 0; i < sites.length; i++) {
        if (sites[i].kind === 'function' && sites[i].async) asyncSites[base + i] = 1;
        if (sites[i].v !== undefined) siteVars[base + i] = base + sites[i].v!;
      }
      SetAdd(userFiles, file);
      sourceMapOf(file);
      registerFunctionText(file);
      rec.meta({ t: 'sites', base, file, sites: sites as never });
      return base;
    }
    /** enter a function or module body that keeps its frame id */
    e(site: number): number {
      const isAsync = site < asyncSites.length ? asyncSites[site] : 0;
      const frame = enter(site, isAsync);
      pushFrame(frame, -1);
      return frame;
    }
    set E(site: number) {
      pushFrame(enter(site, 0), site);
    }
    /** exit a function or module body that keeps its frame id */
    x(frame: number): void {
      if (frame & 1 && coroutineSteps > 0) coroutineSteps--;
      const at = indexOfFrame(frame);
      if (at >= 0) leave(at);
      push(RawKind.Exit, frame);
    }
    set X(site: number) {
      const at = indexOfSite(site);
      if (at < 0) return;
      const frame = stackFrames[at];
      leave(at);
      push(RawKind.Exit, frame);
    }
    /** a catch clause starts (a finally block, with `finally`): the frames above the catching one were unwound */
    set C(site: number) {
      const at = indexOfSite(site);
      if (at >= 0) unwindTo(catchingFrame(site, at) + 1);
    }
    set N(site: number) {
      // a finally block runs after its try block completed, or on the way of a throw: only frames of other
      // functions above it say it is the latter (never a stack walk on the common path)
      const at = indexOfSite(site);
      if (at >= 0 && at < stackTop - 1) unwindTo(catchingFrame(site, at) + 1);
    }
    set F(frame: number) {
      const at = indexOfFrame(frame);
      if (at >= 0) unwindTo(at + 1);
    }
    /** await reached: returns the awaited value untouched */
    a<T>(frame: number, site: number, value: T): T {
      const at = indexOfFrame(frame);
      if (at >= 0) leave(at);
      push(RawKind.Await, frame, site);
      if (frame & 1 && coroutineSteps > 0) coroutineSteps--;
      // the promises the await makes, which its resumption runs from: awaiting a native promise V8 makes one (the
      // throwaway), anything else two (the value as a promise, then the throwaway). A window one too wide took the
      // next promise the caller made (`run().then(cb)`) for the await's, and cb's task resumed the finished coroutine.
      awaitWindow = plainPromise(value) ? 1 : 2;
      awaitingFrame = frame;
      return value;
    }
    /** for-await: the loop is about to await the iterator */
    fa<T>(frame: number, site: number, value?: T): T | undefined {
      return this.a(frame, site, value);
    }
    /** for-await: the loop body starts */
    fr(frame: number): void {
      push(RawKind.LoopResume, frame);
    }
    /** yield reached */
    y<T>(frame: number, site: number, value: T): T {
      const at = indexOfFrame(frame);
      if (at >= 0) leave(at);
      push(RawKind.Yield, frame, site);
      if (frame & 1 && coroutineSteps > 0) coroutineSteps--;
      return value;
    }
    /** resumed after yield */
    yr<T>(frame: number, value: T): T {
      pushFrame(frame, -1);
      coroutineSteps += frame & 1;
      push(RawKind.YieldResume, frame);
      return value;
    }
    /** shared state: a variable read / written (v = the variable's site id) */
    rv(frame: number, site: number, v: number): void {
      if (outsideCoroutine(frame)) return;
      push(RawKind.Access, frame, site, -1 - v, 0, 0);
    }
    wv(frame: number, site: number, v: number): void {
      if (outsideCoroutine(frame)) return;
      push(RawKind.Access, frame, site, -1 - v, 0, 1);
    }
    set RV(site: number) {
      if (coroutineSteps === 0) return;
      push(RawKind.Access, runningFrame(), site, -1 - siteVars[site], 0, 0);
    }
    set WV(site: number) {
      if (coroutineSteps === 0) return;
      push(RawKind.Access, runningFrame(), site, -1 - siteVars[site], 0, 1);
    }
    /** shared state: a property of an object read / written */
    rp(frame: number, site: number, obj: unknown, key: unknown): void {
      if (outsideCoroutine(frame)) return;
      if ((typeof obj === 'object' && obj !== null) || typeof obj === 'function') push(RawKind.Access, frame, site, objectId(obj as object), keyId(key), 0);
    }
    wp(frame: number, site: number, obj: unknown, key: unknown): void {
      if (outsideCoroutine(frame)) return;
      if ((typeof obj === 'object' && obj !== null) || typeof obj === 'function') push(RawKind.Access, frame, site, objectId(obj as object), keyId(key), 1);
    }
    /** shared state: Map / Set membership looked up (has, get) or changed (set, add, delete) */
    rm(frame: number, site: number, root: unknown, path: readonly string[], key: unknown): void {
      if (outsideCoroutine(frame)) return;
      const coll = dataPath(root, path);
      if (isCollection(coll)) push(RawKind.Access, frame, site, objectId(coll as object), keyId(key), 0);
    }
    wm(frame: number, site: number, root: unknown, path: readonly string[], key: unknown): void {
      if (outsideCoroutine(frame)) return;
      const coll = dataPath(root, path);
      if (isCollection(coll)) push(RawKind.Access, frame, site, objectId(coll as object), keyId(key), 1);
    }
    wa(frame: number, site: number, root: unknown, path: readonly string[]): void {
      if (outsideCoroutine(frame)) return;
      const array = dataPath(root, path);
      if (ArrayIsArray(array)) push(RawKind.Access, frame, site, objectId(array), keyId('length'), 1);
    }
    /** loop guard: a loop that never ends is stopped at the time limit, with its trace */
    g(): void {
      if ((++loopTicks & 0xffff) === 0 && now() > deadline) stop('timeout', 'a loop that never ends');
    }
  }
  /** a function or module body starts: its frame id (odd for an async function) */
  function enter(site: number, isAsync: number): number {
    const frame = ++frameSeq * 2 + isAsync;
    coroutineSteps += isAsync;
    awaitWindow = 0;
    // user code called back from a callback we did not record (e.g. the ESM loader running the entry module)
    if (internal === 0 && stackTop === stackBase) recordCurrentTask();
    push(RawKind.Enter, frame, site);
    return frame;
  }
  /** the frame whose code runs now (an access by a synchronous function is part of the coroutine step that called it) */
  const runningFrame = (): number => (stackTop > stackBase ? stackFrames[stackTop - 1] : 0);
  const runtime = new Runtime();
  // The paths a deep recursion takes when it is caught are compiled now: V8 compiles a function on its first call
  // only with tens of KB of stack to spare, which the program, at its recursion limit, does not have.
  catchingFrame(-2, 0);
  returnCallSites(new RealError(), []);
  runtime.C = -2;
  runtime.N = -2;
  runtime.F = 0;
  runtime.X = -2;
  // On the global object's own prototype (not Object.prototype): instrumented code finds `__ls` as any global name,
  // and the global object has no property the program could list (Object.getOwnPropertyNames(globalThis)).
  const globalProto = Object.getPrototypeOf(globalThis) as object | null;
  const runtimeHolder = globalProto && globalProto !== Object.prototype ? globalProto : globalThis;
  Object.defineProperty(runtimeHolder, RUNTIME_GLOBAL, { value: runtime, enumerable: false, configurable: false, writable: false });

  // ---- output capture --------------------------------------------------------------------------------------------
  let outputIndex = 0;
  let outputBytes = 0;
  let outputBudget = config.outputSiteCaptures;
  const output = captureOutput({
    busy: () => internal > 0,
    enter: () => void internal++,
    leave: () => void internal--,
    write(stream, text) {
      try {
        // a worker's output, written here by Node's relay: recorded by the worker as its own, noted here in order
        const relay = stackTop === stackBase ? threads.relayOf(stream) : -1;
        if (relay >= 0) return rec.meta({ t: 'output', index: outputIndex++, stream, text: '', relay });
        const keep = outputBytes < cfg.maxOutputBytes;
        const stored = keep ? StringSlice(text, 0, cfg.maxOutputBytes - outputBytes) : '';
        outputBytes += text.length;
        const index = outputIndex++;
        rec.meta({ t: 'output', index, stream, text: stored, ...(stored.length < text.length ? { truncated: true } : {}) });
        const site = outputBudget-- > 0 ? userCallSite() : -1;
        push(RawKind.Output, index, site);
      } catch {
        /* output must still go out */
      }
    },
  });

  // ---- limits, crashes and exit ----------------------------------------------------------------------------------
  // The program stops; a worker at a limit stops recording only (the main thread's limits stop the whole program).
  function stop(reason: 'timeout' | 'max-events', detail: string): void {
    stopping = true;
    internal++;
    writeUnhandled();
    rec.meta({ t: 'stop', reason, detail, activeResources: activeResources() });
    rec.close();
    // a worker, or a child process at its own event limit, stops recording and runs on (as a worker does); so does a
    // detached child process at the time limit (it may outlive the program untraced too); anything else stops, and
    // the children Loopscope started with it
    const recordOnly = inWorker || (cfg.child !== undefined && (cfg.child.detached || reason === 'max-events'));
    if (recordOnly) return void internal--;
    processes.stopChildren();
    reallyExit(reason === 'timeout' ? EXIT_TIMEOUT : EXIT_MAX_EVENTS);
  }

  // Crashes, unhandled rejections and exit, seen on their way through process.emit: listening would show in the
  // program's listener counts and lists (and count toward MaxListenersExceededWarning), and a listener for
  // 'unhandledRejection' would change what Node does. The wrapper changes nothing: same listeners, same return value.
  //
  // An error's `stack` is read only when Node formats it anyway (it prints the error, or warns with it): reading it
  // formats it, which runs a program's own Error.prepareStackTrace when untraced it would not run (an error its
  // 'uncaughtException' listener handles), or earlier than untraced.
  let unhandledIndex = 0;
  const unhandled: { record: Extract<MetaRecord, { t: 'unhandled' }>; error: Error | null }[] = [];
  /** errors Node formats itself: the one that ends the program, a rejection it warns about */
  const formattedByNode = new WeakSet<object>();
  const unhandledMode = /--unhandled-rejections[= ](\S+)/.exec([...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' '))?.[1] ?? 'throw';
  const warnMode = /^warn/.test(unhandledMode);
  /** the uncaught exception being handled now (between the monitor and the listeners' verdict) */
  let uncaught: { error: unknown; origin: string } | null = null;
  /** the one that ends the program: written when it ends, with where it was thrown */
  let fatal: { error: unknown; origin: string } | null = null;
  let finished = false;

  const errorRecord = (err: unknown, origin: string, withStack: boolean): Extract<MetaRecord, { t: 'error' }> => {
    const e = err instanceof RealError ? err : null;
    if (!e) return { t: 'error', origin, name: typeof err, message: describe(err) };
    let stack: string | undefined;
    let where = {};
    if (withStack) {
      try {
        stack = e.stack;
        where = firstUserFrame(stack ?? '');
      } catch {
        /* a stack getter that throws: no line */
      }
    }
    return { t: 'error', origin, name: e.name, message: e.message, ...(stack !== undefined ? { stack } : {}), ...where };
  };
  // a reason that is not an Error: primitives as they are; objects not touched (that would run their code)
  const describe = (x: unknown) => (x === null || (typeof x !== 'object' && typeof x !== 'function') ? StringSlice(StringCtor(x), 0, 500) : 'an object that is not an Error');

  const realEmit = process.emit as (...a: unknown[]) => boolean;
  const emit = function (this: NodeJS.Process, name: string | symbol, ...args: unknown[]): boolean {
    if (name === 'message') processes.processEmitted(name);
    if (stopping || (name !== 'exit' && name !== 'unhandledRejection' && name !== 'uncaughtExceptionMonitor' && name !== 'uncaughtException')) {
      // eslint-disable-next-line prefer-rest-params
      return ReflectApply(realEmit, this, arguments);
    }
    if (name === 'exit') {
      internal++;
      rec.flush();
      rec.writeThrough = true; // from here on every event goes straight to disk
      internal--;
      try {
        // eslint-disable-next-line prefer-rest-params
      return ReflectApply(realEmit, this, arguments);
      } finally {
        finish(args[0]); // after the program's exit listeners (what they print is captured); Node prints a crash next
      }
    }
    if (name === 'uncaughtExceptionMonitor') {
      // the throw unwound every frame of the callback
      unwindTo(stackBase);
      uncaught = { error: args[0], origin: StringCtor(args[1]) };
      // eslint-disable-next-line prefer-rest-params
      return ReflectApply(realEmit, this, arguments);
    }
    if (name === 'uncaughtException') {
      // eslint-disable-next-line prefer-rest-params
      const handled = ReflectApply(realEmit, this, arguments) as boolean;
      const u = uncaught ?? { error: args[0], origin: StringCtor(args[1]) };
      uncaught = null;
      internal++;
      try {
        if (handled) rec.meta(errorRecord(u.error, u.origin, false));
        else {
          // Node prints it and ends the program: after 'exit', or at once when the program is exiting already
          if (typeof u.error === 'object' && u.error !== null) WeakSetAdd(formattedByNode, u.error);
          fatal = u;
          if ((process as unknown as { _exiting?: boolean })._exiting) finish(1);
        }
      } catch {
        /* ignore */
      } finally {
        internal--;
      }
      return handled;
    }
    // 'unhandledRejection'
    internal++;
    let index = -1;
    try {
      const [reason, promise] = args;
      const e = reason instanceof RealError ? reason : null;
      index = unhandledIndex++;
      const record: Extract<MetaRecord, { t: 'unhandled' }> = {
        t: 'unhandled',
        index,
        name: e ? e.name : typeof reason,
        message: e ? e.message : describe(reason),
        ...(process.listenerCount('unhandledRejection') > 0 ? { listened: true } : {}),
      };
      // written now (a program may end in a way that skips 'exit'), again at the end with the line that threw
      rec.meta(record);
      if (e && unhandled.length < 100) unhandled[unhandled.length] = { record, error: e };
      push(RawKind.Unhandled, promiseIds.idOf(promise), index);
    } catch {
      /* ignore */
    } finally {
      internal--;
    }
    // eslint-disable-next-line prefer-rest-params
    const handled = ReflectApply(realEmit, this, arguments) as boolean;
    // not handled, in a warn mode: Node warns with the reason's stack right after this returns
    if (!handled && warnMode && args[0] instanceof RealError) WeakSetAdd(formattedByNode, args[0]);
    return handled;
  };
  // on process's own prototype (whose prototype is EventEmitter.prototype), not on process: no own property appears
  const emitHolder = Object.prototype.hasOwnProperty.call(process, 'emit') ? process : (Object.getPrototypeOf(process) as object);
  Object.defineProperty(emitHolder, 'emit', { value: emit, writable: true, enumerable: false, configurable: true });

  // process.exit() from an 'exit' listener skips the rest of the emit: finish on the way out instead
  const realReallyExit = (process as unknown as { reallyExit: (code: number) => never }).reallyExit;
  const reallyExitDescriptor = Object.getOwnPropertyDescriptor(process, 'reallyExit');
  Object.defineProperty(process, 'reallyExit', {
    ...reallyExitDescriptor,
    value: {
      reallyExit(this: unknown, code: number) {
        finish(code);
        return ReflectApply(realReallyExit, this, [code]);
      },
    }.reallyExit,
  });

  /** the program ends: what is left to write (after its exit listeners, before Node prints a crash) */
  function finish(code: unknown): void {
    if (finished || stopping) return;
    finished = true;
    internal++;
    try {
      output.flush();
      if (fatal) rec.meta(errorRecord(fatal.error, fatal.origin, true));
      else if (uncaught) rec.meta(errorRecord(uncaught.error, uncaught.origin, false));
      writeUnhandled();
      if (code !== null) rec.meta({ t: 'exit', code: typeof code === 'number' ? code : Number(code) || 0 });
      // a worker's thread ends here, its process goes on: its files are closed
      if (inWorker) rec.close();
      else rec.flush();
    } catch {
      /* the program must still end as it would */
    } finally {
      internal--;
    }
  }

  /** the line that threw each unhandled rejection, for the reasons whose stack Node formatted */
  function writeUnhandled(): void {
    // without a program's own Error.prepareStackTrace, reading a stack runs no program code: it is read whether or not
    // Node formats the error itself
    const noProgramFormatter = (Error as { prepareStackTrace?: unknown }).prepareStackTrace === defaultPrepareStackTrace;
    for (let i = 0; i < unhandled.length; i++) {
      const { record, error } = unhandled[i];
      if (!error || (!WeakSetHas(formattedByNode, error) && !noProgramFormatter)) continue;
      let where = {};
      try {
        where = firstUserFrame(error.stack ?? '');
      } catch {
        /* a stack getter that throws: no line */
      }
      rec.meta({ ...record, ...where });
    }
    unhandled.length = 0;
  }

  function firstUserFrame(stack: string): { file?: string; line?: number; column?: number } {
    for (const m of stack.matchAll(/\(?((?:file:\/\/)?\/[^\s():]+):(\d+):(\d+)\)?/g)) {
      const file = m[1].startsWith('file://') ? decodeURIComponent(new URL(m[1]).pathname) : m[1];
      if (isUserFile(file, cfg)) return { file, line: Number(m[2]), column: Number(m[3]) };
    }
    return {};
  }

  // Cancellations: a cleared timer or immediate leaves its queue without running. The wrappers keep the name and
  // arity, and the same function stays shared by globalThis and node:timers.
  {
    const probe = realSetTimeout(() => undefined, 0);
    const asyncIdKey = Object.getOwnPropertySymbols(probe).find((sym) => sym.description === 'asyncId' || sym.description === 'async_id_symbol');
    clearTimeout(probe);
    const timers = require('node:timers') as Record<string, unknown>;
    const g = globalThis as unknown as Record<string, unknown>;
    for (const name of ['clearTimeout', 'clearInterval', 'clearImmediate']) {
      const original = g[name] as (t: unknown) => void;
      if (!asyncIdKey || typeof original !== 'function') continue;
      const wrapped = {
        [name](this: unknown, t: unknown) {
          try {
            const id = (t as Record<symbol, unknown> | null)?.[asyncIdKey];
            if (typeof id === 'number' && id < recorded.length && recorded[id] === 1 && internal === 0) push(RawKind.Cancel, id);
          } catch {
            /* never disturb the program */
          }
          return ReflectApply(original, this, [t]);
        },
      }[name];
      g[name] = wrapped;
      if (timers[name] === original) timers[name] = wrapped;
    }
  }

  // A program that signals itself (process.kill(process.pid, 'SIGTERM')) may die at once, with no 'exit': what was
  // recorded goes to disk first. (Stopped from outside, see below; a crash or an exit goes through 'exit'.)
  {
    const realKill = process.kill;
    const own = Object.getOwnPropertyDescriptor(process, 'kill');
    const kill = {
      kill(this: unknown, pid: number, _signal?: string | number) {
        const target = Number(pid);
        if (target === process.pid || target === 0 || target === -process.pid) {
          internal++;
          try {
            rec.flush();
          } catch {
            /* the signal still goes */
          } finally {
            internal--;
          }
        }
        // eslint-disable-next-line prefer-rest-params
        return ReflectApply(realKill, this, arguments);
      },
    }.kill;
    Object.defineProperty(kill, 'length', { value: realKill.length });
    Object.defineProperty(process, 'kill', { value: kill, writable: own?.writable ?? true, enumerable: own?.enumerable ?? true, configurable: own?.configurable ?? true });
  }

  // Stopped from outside (Cancel, Ctrl+C, a server whose requests were all answered): the runner asks through the
  // control pipe first, the tracer keeps what was recorded, then the runner sends the signal, which does what it
  // would have done untraced.
  if (cfg.control !== undefined && !inWorker) {
    listenForStop(cfg.control, ({ signal }) => {
      internal++;
      try {
        rec.flush();
        rec.writeThrough = true;
        rec.meta({ t: 'stop', reason: 'cancelled', detail: `stopped by ${signal}`, activeResources: activeResources() });
        // the signal ends the program unless it listens for it: no 'exit' then
        if (process.listenerCount(signal) === 0) finish(null);
      } finally {
        internal--;
      }
    });
  }

  // A server traced under load: say where it listens (the runner then sends the requests). Node sets up a server's
  // listening handle in Server.prototype._listen2 (no listener added to the program's server).
  if (cfg.requests && !inWorker) {
    const net = require('node:net') as typeof import('node:net');
    const proto = net.Server.prototype as unknown as { _listen2: (...a: unknown[]) => unknown };
    const listen2 = proto._listen2;
    proto._listen2 = function (this: import('node:net').Server, ...args: unknown[]) {
      const result = ReflectApply(listen2, this, args);
      try {
        const a = (this as unknown as { _handle?: unknown })._handle ? this.address() : null;
        if (a && typeof a === 'object') rec.meta({ t: 'listening', port: a.port, address: a.address });
      } catch {
        /* never disturb the program */
      }
      return result;
    };
  }

  // The time limit. An unref'd timer made while `internal` is set: never recorded, never keeps the program alive.
  // The time limit (the main thread's: it stops the whole program, workers with it).
  // A child process stops at the program's time limit too (a moment later: its parent stops it first, see stop()).
  if (!inWorker) realSetTimeout(() => stop('timeout', 'the program was still running at the time limit'), config.timeoutMs).unref();

  // ---- instrument the user's modules -----------------------------------------------------------------------------
  // Node's ES module loader runs the ES module hooks on a thread of its own, which takes 0.1-0.3 s to start. An ES
  // module entry needs it from the start; a CommonJS program reaches that loader only through import() (or
  // require() of an ES module, whose hooks do not run there except on Node 20), so the thread is started just
  // before the first CommonJS file whose text could call import() is compiled, user code or not: a program that
  // never imports does not wait for it. In CommonJS the word import can only be a call, `import (` or `import /* */ (`
  // (anything else with it, a string or a method named import, only starts the thread for nothing); code that builds
  // the call at run time (eval of 'imp' + 'ort(x)') is missed.
  const registerAsync = (Module as unknown as { register?: (url: string, options: object) => void }).register;
  let esmHooks = !registerAsync;
  const registerEsmHooks = (): void => {
    if (esmHooks) return;
    esmHooks = true;
    internal++;
    try {
      withoutStdioListeners(() => registerAsync!(pathToFileURL(config.esmHooks).href, { parentURL: pathToFileURL(__filename).href, data: { config } }));
    } finally {
      internal--;
    }
  };
  const MAY_IMPORT = /\bimport\s*(?:\(|\/[/*])|importModuleDynamically/;
  /** Called with the text of every CommonJS file before it is compiled. */
  const beforeCompile = (code: string): void => {
    // (a worker starts them only for an ES module entry, see below)
    if (!esmHooks && !inWorker && RegExpExec(MAY_IMPORT, code) !== null) registerEsmHooks();
  };
  type CompileFn = (this: unknown, content: string, filename: string, ...rest: unknown[]) => unknown;
  const moduleInternals = Module as unknown as {
    prototype: { _compile: CompileFn };
    _extensions: Record<string, (module: { _compile: CompileFn }, filename: string) => void>;
  };
  const overrides = readOverrides(cfg);
  const { needsCompiling, isTypeScript } = instrumenter;
  const originalCompile = moduleInternals.prototype._compile;
  /** A CommonJS module's instrumented text; JavaScript that does not parse is left for Node to report as untraced. */
  const instrumentCommonJs = (content: string, filename: string, format: ModuleFormat): string => {
    internal++;
    try {
      return instrumenter.prepareModuleOnce(stripBom(MapGet(overrides, filename) ?? content), filename, format, cfg.races);
    } catch (err) {
      if (!(err instanceof InstrumentSyntaxError) || needsCompiling(filename)) throw err;
      return content;
    } finally {
      internal--;
    }
  };
  // Where Node has synchronous module hooks (22.15 and later), a CommonJS file is instrumented as it is loaded,
  // before it is compiled, so no frame of the tracer stands under the module's code in a stack trace. Older Node
  // gets a _compile hook (one more frame, listed in the README).
  type LoadResult = { format?: string | null; source?: string | ArrayBuffer | Uint8Array | null; shortCircuit?: boolean };
  type LoadHook = (url: string, context: { format?: string | null }, next: (url: string, context?: unknown) => LoadResult) => LoadResult;
  const registerHooks = (Module as unknown as { registerHooks?: (hooks: { load: LoadHook }) => unknown }).registerHooks;
  const loadHooks = typeof registerHooks === 'function';
  if (loadHooks) {
    registerHooks.call(Module, {
      load(url, context, next) {
        const result = next(url, context);
        // a require()d .js file has no format yet here (Node decides later): the same rules decide it first
        if ((result.format != null && result.format !== 'commonjs') || result.source == null || !StringStartsWith(url, 'file:')) return result;
        const filename = fileURLToPath(url);
        const text = typeof result.source === 'string' ? result.source : Buffer.from(result.source as Uint8Array).toString('utf8');
        if (!isUserFile(filename, cfg) || needsCompiling(filename)) {
          beforeCompile(text);
          return result;
        }
        internal++;
        let format: ModuleFormat;
        try {
          format = instrumenter.moduleFormatOf(filename, text);
        } finally {
          internal--;
        }
        if (format !== 'commonjs') return result;
        const code = instrumentCommonJs(text, filename, 'commonjs');
        beforeCompile(code);
        return { ...result, source: code };
      },
    });
  } else {
    // Node's own _compile is named in stack traces by the property that holds it ("Module._compile"); once the hook
    // holds that property, V8 would print "Module.<anonymous>": the name it is printed by is given to it directly
    if (!originalCompile.name) Object.defineProperty(originalCompile, 'name', { value: '_compile', configurable: true });
    moduleInternals.prototype._compile = function (content: string, filename: string, ...rest: unknown[]) {
      if (isUserFile(filename, cfg) && typeof content === 'string') content = instrumentCommonJs(content, filename, rest[0] === 'module' ? 'module' : 'commonjs');
      if (typeof content === 'string') beforeCompile(content);
      return ReflectApply(originalCompile, this, [content, filename, ...rest]);
    };
  }
  for (const ext of ['.ts', '.cts', '.tsx', '.jsx']) {
    const load = (module: { _compile: CompileFn }, filename: string) => {
      const source = MapGet(overrides, filename) ?? readFileSync(filename, 'utf8');
      internal++;
      let format: string;
      try {
        format = instrumenter.moduleFormatOf(filename, source) === 'module' ? 'module' : 'commonjs';
        if (isTypeScript(filename)) resolveTypeScriptSources();
      } finally {
        internal--;
      }
      // with load hooks there is no _compile hook: the handler instruments what it compiles
      let code = source;
      if (loadHooks) {
        code = instrumentCommonJs(source, filename, format === 'module' ? 'module' : 'commonjs');
        beforeCompile(code);
      }
      module._compile(code, filename, format);
    };
    // loaded through the extension table, but not listed in it (Object.keys(require.extensions) stays as untraced)
    if (Object.hasOwn(moduleInternals._extensions, ext)) moduleInternals._extensions[ext] = load;
    else Object.defineProperty(moduleInternals._extensions, ext, { value: load, writable: true, configurable: true, enumerable: false });
  }

  // A TypeScript module's require('./shape.js') names what tsc writes; where only shape.ts exists, it loads that
  // (as the ESM hooks do for import). Installed once the first TypeScript module loads, so a JavaScript program's
  // resolution is Node's own, untouched; any other request goes straight to Node's resolver.
  let resolvingTypeScript = false;
  function resolveTypeScriptSources(): void {
    if (resolvingTypeScript) return;
    resolvingTypeScript = true;
    const internals = Module as unknown as { _resolveFilename: (request: unknown, parent: unknown, ...rest: unknown[]) => string };
    const resolveFilename = internals._resolveFilename;
    internals._resolveFilename = function (request: unknown, parent: unknown, ...rest: unknown[]) {
      const from = (parent as { filename?: unknown } | null | undefined)?.filename;
      if (typeof request === 'string' && typeof from === 'string' && isTypeScript(from)) {
        internal++;
        try {
          request = instrumenter.typeScriptSourceFor(request, from) ?? request;
        } finally {
          internal--;
        }
      }
      return ReflectApply(resolveFilename, this, [request, parent, ...rest]);
    };
  }

  function stripBom(s: string): string {
    return s[0] === '\ufeff' ? StringSlice(s, 1) : s;
  }

  // A worker needs the ES module hooks (a loader thread of its own, which takes a good part of a second to start)
  // only when it runs an ES module; a CommonJS worker is instrumented by the hooks above. The main thread: see
  // registerEsmHooks.
  const workerEntry = inWorker ? workerThreads.getEnvironmentData(ENTRY_KEY) : undefined;
  let esModuleWorker = false;
  try {
    esModuleWorker = typeof workerEntry === 'string' && workerEntry !== '' && instrumenter.moduleFormatOf(workerEntry) === 'module';
  } catch {
    esModuleWorker = true; // unreadable here: Node will say so, with the hooks in place as for any module
  }
  if (inWorker ? esModuleWorker : cfg.esmEntry !== false) registerEsmHooks();

  rec.meta({
    t: 'start',
    node: process.version,
    entry: config.entry,
    pid: process.pid,
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    startedAt: Date.now(),
    thread: threads.id,
    ...(threads.parent >= 0 ? { parent: threads.parent } : {}),
    ...(childProcess ? { process: { piped: cfg.child!.piped, ...(cfg.child!.detached ? { detached: true } : {}) } } : {}),
    timeOrigin: performance.timeOrigin + t0,
  });
  // Setting up (the ES module hooks' loader thread pipes its output) left process.nextTick callbacks queued. Run them
  // now, unrecorded: pending when the program starts, they would make its first microtasks drain inside
  // processTicksAndRejections (one more frame in their stack traces) rather than from V8's own checkpoint. Not under
  // --pending-deprecation: there _tickCallback is wrapped to print a deprecation warning (DEP0134) on its first call.
  const tickCallback = (process as unknown as { _tickCallback?: () => void })._tickCallback;
  if (typeof tickCallback === 'function' && tickCallback.name === 'runNextTicks') ReflectApply(tickCallback, process, []);
  internal = 0;
}
