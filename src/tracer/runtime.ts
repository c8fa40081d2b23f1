// The tracer inside the user's Node process: the hooks, the runtime that instrumented code calls, output capture,
// module instrumentation and the limits. Everything here must be invisible to the program.
import asyncHooks from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { types as utilTypes } from 'node:util';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Recorder } from './recorder';
import { RawKind, EXIT_TIMEOUT, EXIT_MAX_EVENTS, type MetaRecord } from '../core/raw-events';
import { prepareModule, isTypeScript, needsCompiling, moduleFormatOf, typeScriptSourceFor } from '../instrument/prepare';
import { InstrumentSyntaxError } from '../instrument/instrument';
import { RUNTIME_GLOBAL, type TracerRuntime } from '../instrument/runtime-api';
import { isUserFile, readOverrides, type TracerConfig, CONFIG_ENV } from './config';

export function install(): void {
  const config = JSON.parse(process.env[CONFIG_ENV] ?? 'null') as TracerConfig | null;
  if (!config) throw new Error('loopscope tracer: missing configuration');
  const cfg: TracerConfig = config;
  delete process.env[CONFIG_ENV];

  // Captured before the program can replace them.
  const { executionAsyncId } = asyncHooks;
  const now = performance.now.bind(performance);
  const realSetTimeout = setTimeout;
  const RealError = Error;
  const reallyExit = (process as unknown as { reallyExit: (code: number) => never }).reallyExit.bind(process);
  // What keeps the program alive, less its own stdout and stderr (a terminal or a pipe to whoever started it).
  const activeResources = (): string[] => {
    const list = process.getActiveResourcesInfo?.() ?? [];
    for (const stream of [process.stdout, process.stderr]) {
      const kind = (stream as unknown as { _handle?: { constructor?: { name?: string } } })._handle?.constructor?.name;
      const at = kind ? list.indexOf(`${kind}Wrap`) : -1;
      if (at >= 0) list.splice(at, 1);
    }
    return list;
  };

  const rec = new Recorder(config.dir);
  const t0 = now();
  const micros = (): number => Math.min(0x7fffffff, Math.round((now() - t0) * 1000));

  // ---- state ---------------------------------------------------------------------------------------------------
  let internal = 1; // >0 while the tracer itself works (setting up, writing output): nothing is recorded
  let userDepth = 0; // user frames on the stack in the current callback
  let awaitWindow = 0; // promises still to record after an await marker (the wrapper and the throwaway)
  const ctxFlags: boolean[] = []; // one per nested `before`: was that callback recorded?
  const ctxUserDepth: number[] = []; // userDepth to restore when that callback ends
  let recorded: Uint8Array<ArrayBuffer> = new Uint8Array(1 << 16); // asyncId -> recorded?
  let typeCodes: Uint8Array<ArrayBuffer> = new Uint8Array(1 << 16); // asyncId -> resource type code
  let awaitPromises: Uint8Array<ArrayBuffer> = new Uint8Array(1 << 16); // asyncId -> made by an await (its before resumes a coroutine)
  const typeCodeOf = new Map<string, number>();
  let frameSeq = 0;
  let siteSeq = 0;
  let stopping = false;
  let lastFlush = 0;
  const userFiles = new Set<string>();

  function grow(arr: Uint8Array<ArrayBuffer>, id: number): Uint8Array<ArrayBuffer> {
    let size = arr.length;
    while (size <= id) size *= 2;
    const next = new Uint8Array(size);
    next.set(arr);
    return next;
  }

  function typeCode(type: string): number {
    let code = typeCodeOf.get(type);
    if (code === undefined) {
      code = typeCodeOf.size + 1;
      typeCodeOf.set(type, code);
      rec.meta({ t: 'type', code, name: type });
    }
    return code;
  }
  const PROMISE = typeCode('PROMISE');

  function push(kind: RawKind, a: number, b = 0, c = 0, d = 0, e = 0): void {
    rec.push(kind, a, b, c, d, e, micros());
    if (rec.count > cfg.maxEvents && !stopping) stop('max-events', `the program produced more than ${cfg.maxEvents} events`);
  }

  // ---- where user code scheduled something: the first user frame of the stack, mapped to the original source ----
  const siteIds = new Map<string, number>();
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
        const file = name.startsWith('file://') ? filePath(name) : name;
        if (!userFiles.has(file)) {
          if (!file.startsWith(cfg.tracerDir) && file !== 'node:internal/async_hooks') {
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
    let path = filePaths.get(url);
    if (path === undefined) {
      path = fileURLToPath(url);
      filePaths.set(url, path);
    }
    return path;
  }

  /** `name` is how V8 names the script (a path, or a file: URL for ES modules), `file` its path. */
  function internSite(name: string, file: string, genLine: number, genColumn: number): number {
    const key = `${name}:${genLine}:${genColumn}`;
    let id = siteIds.get(key);
    if (id !== undefined) return id;
    let line = genLine;
    let column = genColumn;
    const map = Module.findSourceMap?.(name) ?? (name !== file ? Module.findSourceMap?.(file) : undefined);
    const entry = map?.findEntry(genLine - 1, genColumn - 1) as { originalLine?: number; originalColumn?: number } | undefined;
    if (entry && typeof entry.originalLine === 'number') {
      line = entry.originalLine + 1;
      column = (entry.originalColumn ?? 0) + 1;
    }
    id = siteSeq++;
    siteIds.set(key, id);
    rec.meta({ t: 'site', id, file, line, column });
    return id;
  }

  // ---- async_hooks -----------------------------------------------------------------------------------------------
  const shouldRecord = (): boolean => internal === 0 && (userDepth > 0 || awaitWindow > 0 || ctxFlags[ctxFlags.length - 1] === true);

  let closePatched = false;
  function watchClose(resource: object): void {
    // A handle's close callback runs in libuv's close phase; note when the program asks for a close.
    closePatched = true;
    let proto = Object.getPrototypeOf(resource) as Record<string, unknown> | null;
    while (proto && !Object.prototype.hasOwnProperty.call(proto, 'close')) proto = Object.getPrototypeOf(proto);
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
      return original.apply(this, args);
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
          if (id >= typeCodes.length) typeCodes = grow(typeCodes, id);
          typeCodes[id] = code;
          if (!shouldRecord()) return;
          const inAwait = awaitWindow > 0 && code === PROMISE;
          if (inAwait) {
            awaitWindow--;
            if (id >= awaitPromises.length) awaitPromises = grow(awaitPromises, id);
            awaitPromises[id] = 1;
          }
          if (id >= recorded.length) recorded = grow(recorded, id);
          recorded[id] = 1;
          let delay = -1;
          if (type === 'Timeout') {
            const t = resource as { _idleTimeout?: number; _repeat?: number | null };
            delay = Math.max(0, Math.round(t._idleTimeout ?? 0));
            if (t._repeat) delay = -2 - delay; // intervals encode as -2 - delay
          }
          push(RawKind.Init, id, trigger, code, executionAsyncId(), delay);
          // where user code scheduled it; an await's own promises are located by the await marker instead
          if (code !== PROMISE || (!inAwait && userDepth > 0 && trigger !== executionAsyncId())) {
            const site = code !== PROMISE || promiseCapturesLeft-- > 0 ? userCallSite() : ((userFrameIndex = UNKNOWN_ORIGIN), -1);
            if (site >= 0 || userFrameIndex === UNKNOWN_ORIGIN) push(RawKind.ScheduledAt, id, site, userFrameIndex);
          } else if (!inAwait && userDepth > 0 && madeCapturesInRun > 0 && madeCapturesLeft-- > 0) {
            madeCapturesInRun--;
            // a promise user code made (new Promise, Promise.reject, an async call): where, for an unhandled rejection
            const site = userCallSite(true);
            if (site >= 0) push(RawKind.ScheduledAt, id, site, userFrameIndex);
          }
          if (!closePatched && HANDLE_TYPES.has(type)) watchClose(resource as object);
        } catch {
          /* a throwing hook would kill the program */
        }
      },
      before(id) {
        const on = id < recorded.length && recorded[id] === 1 && internal === 0;
        ctxFlags.push(on);
        if (ctxFlags.length === 1) promiseCapturesLeft = madeCapturesLeft = PROMISE_CAPTURES_PER_TASK;
        ctxUserDepth.push(userDepth);
        // an await resumption runs the coroutine: a user frame is on the stack
        userDepth = id < awaitPromises.length && awaitPromises[id] === 1 ? 1 : 0;
        awaitWindow = 0;
        if (on) push(RawKind.Before, id);
      },
      after(id) {
        const on = ctxFlags.pop();
        userDepth = ctxUserDepth.pop() ?? 0;
        if (on) push(RawKind.After, id);
        if (ctxFlags.length === 0 && rec.buffered > 0 && now() - lastFlush > 50) {
          lastFlush = now();
          rec.flush();
        }
      },
      promiseResolve(id) {
        if (id < recorded.length && recorded[id] === 1) push(RawKind.Resolve, id);
      },
    })
    .enable();

  // ---- the runtime that instrumented code calls --------------------------------------------------------------
  // identities for race detection: objects by a weak map, keys interned (objects used as keys by identity)
  const objectIds = new WeakMap<object, number>();
  let nextObjectId = 1;
  const objectId = (o: object): number => {
    let id = objectIds.get(o);
    if (id === undefined) {
      id = nextObjectId++;
      objectIds.set(o, id);
    }
    return id;
  };
  const keyIds = new Map<string, number>();
  const keyId = (k: unknown): number => {
    if ((typeof k === 'object' && k !== null) || typeof k === 'function') return -objectId(k as object);
    const text = `${typeof k}:${String(k)}`;
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
      while (holder && !utilTypes.isProxy(holder) && !(desc = Reflect.getOwnPropertyDescriptor(holder, key))) holder = Reflect.getPrototypeOf(holder);
      if (!desc || !('value' in desc)) return undefined;
      value = desc.value;
    }
    return value;
  };
  let loopTicks = 0;
  const deadline = t0 + config.timeoutMs;

  const runtime = {
    /** register a file's sites; returns the id of its first site */
    r(file: string, sitesJson: string): number {
      const sites = JSON.parse(sitesJson) as unknown[];
      const base = siteSeq;
      siteSeq += sites.length;
      userFiles.add(file);
      rec.meta({ t: 'sites', base, file, sites: sites as never });
      return base;
    },
    /** enter a function or module body */
    e(site: number): number {
      const frame = ++frameSeq;
      awaitWindow = 0;
      const top = ctxFlags.length - 1;
      if (top >= 0 && !ctxFlags[top] && internal === 0 && userDepth === 0) {
        // User code called back from a callback we did not record (e.g. the ESM loader running the entry module).
        const eid = executionAsyncId();
        ctxFlags[top] = true;
        if (eid >= recorded.length) recorded = grow(recorded, eid);
        recorded[eid] = 1;
        push(RawKind.LateBefore, eid, eid < typeCodes.length ? typeCodes[eid] : 0);
      }
      userDepth++;
      push(RawKind.Enter, frame, site);
      return frame;
    },
    /** exit a function or module body */
    x(frame: number): void {
      if (userDepth > 0) userDepth--;
      push(RawKind.Exit, frame);
    },
    /** await reached: returns the awaited value untouched */
    a<T>(frame: number, site: number, value: T): T {
      push(RawKind.Await, frame, site);
      if (userDepth > 0) userDepth--;
      awaitWindow = 2;
      return value;
    },
    /** for-await: the loop is about to await the iterator */
    fa<T>(frame: number, site: number, value?: T): T | undefined {
      return runtime.a(frame, site, value);
    },
    /** for-await: the loop body starts */
    fr(frame: number): void {
      push(RawKind.LoopResume, frame);
    },
    /** yield reached */
    y<T>(frame: number, site: number, value: T): T {
      push(RawKind.Yield, frame, site);
      if (userDepth > 0) userDepth--;
      return value;
    },
    /** resumed after yield */
    yr<T>(frame: number, value: T): T {
      userDepth++;
      push(RawKind.YieldResume, frame);
      return value;
    },
    /** shared state: a variable read / written (v = the variable's site id) */
    rv(frame: number, site: number, v: number): void {
      push(RawKind.Access, frame, site, -1 - v, 0, 0);
    },
    wv(frame: number, site: number, v: number): void {
      push(RawKind.Access, frame, site, -1 - v, 0, 1);
    },
    /** shared state: a property of an object read / written */
    rp(frame: number, site: number, obj: unknown, key: unknown): void {
      if ((typeof obj === 'object' && obj !== null) || typeof obj === 'function') push(RawKind.Access, frame, site, objectId(obj as object), keyId(key), 0);
    },
    wp(frame: number, site: number, obj: unknown, key: unknown): void {
      if ((typeof obj === 'object' && obj !== null) || typeof obj === 'function') push(RawKind.Access, frame, site, objectId(obj as object), keyId(key), 1);
    },
    /** shared state: Map / Set membership looked up (has, get) or changed (set, add, delete) */
    rm(frame: number, site: number, root: unknown, path: readonly string[], key: unknown): void {
      const coll = dataPath(root, path);
      if (isCollection(coll)) push(RawKind.Access, frame, site, objectId(coll as object), keyId(key), 0);
    },
    wm(frame: number, site: number, root: unknown, path: readonly string[], key: unknown): void {
      const coll = dataPath(root, path);
      if (isCollection(coll)) push(RawKind.Access, frame, site, objectId(coll as object), keyId(key), 1);
    },
    wa(frame: number, site: number, root: unknown, path: readonly string[]): void {
      const array = dataPath(root, path);
      if (Array.isArray(array)) push(RawKind.Access, frame, site, objectId(array), keyId('length'), 1);
    },
  /** loop guard: a loop that never ends is stopped at the time limit, with its trace */
    g(): void {
      if ((++loopTicks & 0xffff) === 0 && now() > deadline) stop('timeout', 'a loop that never ends');
    },
  } satisfies TracerRuntime;
  Object.defineProperty(globalThis, RUNTIME_GLOBAL, { value: runtime, enumerable: false, configurable: false, writable: false });

  // ---- output capture --------------------------------------------------------------------------------------------
  let outputIndex = 0;
  let outputBytes = 0;
  let outputBudget = config.outputSiteCaptures;
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    const write = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      if (internal === 0 && chunk != null && (chunk as { length?: number }).length !== 0) {
        try {
          const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
          const keep = outputBytes < cfg.maxOutputBytes;
          const stored = keep ? text.slice(0, cfg.maxOutputBytes - outputBytes) : '';
          outputBytes += text.length;
          const index = outputIndex++;
          rec.meta({ t: 'output', index, stream: name, text: stored, ...(stored.length < text.length ? { truncated: true } : {}) });
          const site = outputBudget-- > 0 ? userCallSite() : -1;
          push(RawKind.Output, index, site);
        } catch {
          /* output must still go out */
        }
      }
      internal++;
      try {
        return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
      } finally {
        internal--;
      }
    } as typeof stream.write;
  }

  // ---- limits, crashes and exit ----------------------------------------------------------------------------------
  function stop(reason: 'timeout' | 'max-events', detail: string): never {
    stopping = true;
    internal++;
    writeUnhandled();
    rec.meta({ t: 'stop', reason, detail, activeResources: activeResources() });
    rec.close();
    return reallyExit(reason === 'timeout' ? EXIT_TIMEOUT : EXIT_MAX_EVENTS);
  }

  process.on('uncaughtExceptionMonitor', (err, origin) => {
    internal++;
    try {
      const e = err instanceof RealError ? err : new RealError(String(err));
      const where = firstUserFrame(e.stack ?? '');
      rec.meta({ t: 'error', origin, name: e.name, message: e.message, stack: e.stack, ...where });
    } catch {
      /* ignore */
    } finally {
      internal--;
    }
  });

  // Unhandled rejections: Node announces each with process.emit('unhandledRejection', reason, promise) before it
  // decides what to do (end the program, warn, or leave it to the program's own listener). Listening would change
  // that decision, so the tracer looks at the emit on its way through and changes nothing: same listeners, same
  // return value. The promise's async id (Node keeps it on the promise) says where it was made.
  // The reason's stack (where it was thrown) is read only when the program ends: reading `stack` formats it, and an
  // error whose stack was formatted is printed by Node at its own internal line instead of the user's throw.
  let unhandledIndex = 0;
  const unhandled: { record: Extract<MetaRecord, { t: 'unhandled' }>; error: Error | null }[] = [];
  const realEmit = process.emit;
  const emit = function (this: NodeJS.Process, name: string | symbol, ...args: unknown[]): boolean {
    if (name === 'unhandledRejection' && !stopping) {
      internal++;
      try {
        const [reason, promise] = args;
        const e = reason instanceof RealError ? reason : null;
        const index = unhandledIndex++;
        const record: Extract<MetaRecord, { t: 'unhandled' }> = {
          t: 'unhandled',
          index,
          name: e ? e.name : typeof reason,
          // a reason that is not an Error: primitives as they are; objects not touched (that would run their code)
          message: e ? e.message : reason === null || (typeof reason !== 'object' && typeof reason !== 'function') ? String(reason).slice(0, 500) : 'an object that is not an Error',
          ...(process.listenerCount('unhandledRejection') > 0 ? { listened: true } : {}),
        };
        // the first hundred keep their error until the end, for the line that threw; the rest go without it
        if (unhandled.length < 100) unhandled.push({ record, error: e });
        else rec.meta(record);
        push(RawKind.Unhandled, promiseAsyncId(promise), index);
      } catch {
        /* ignore */
      } finally {
        internal--;
      }
    }
    return (realEmit as (...a: unknown[]) => boolean).call(this, name, ...args);
  };
  process.emit = emit as typeof process.emit;

  /** the unhandled rejections, written when the program ends (with where each reason was thrown) */
  function writeUnhandled(): void {
    for (const { record, error } of unhandled.splice(0)) {
      let where = {};
      try {
        if (error) where = firstUserFrame(error.stack ?? '');
      } catch {
        /* a stack getter that throws: no line */
      }
      rec.meta({ ...record, ...where });
    }
  }

  function promiseAsyncId(promise: unknown): number {
    if (typeof promise !== 'object' || promise === null) return -1;
    for (const sym of Object.getOwnPropertySymbols(promise)) {
      if (sym.description === 'async_id_symbol') {
        const id = (promise as Record<symbol, unknown>)[sym];
        return typeof id === 'number' ? id : -1;
      }
    }
    return -1;
  }

  function firstUserFrame(stack: string): { file?: string; line?: number; column?: number } {
    for (const m of stack.matchAll(/\(?((?:file:\/\/)?\/[^\s():]+):(\d+):(\d+)\)?/g)) {
      const file = m[1].startsWith('file://') ? decodeURIComponent(new URL(m[1]).pathname) : m[1];
      if (isUserFile(file, cfg)) return { file, line: Number(m[2]), column: Number(m[3]) };
    }
    return {};
  }

  process.on('exit', (code) => {
    internal++;
    rec.flush();
    rec.writeThrough = true;
    writeUnhandled();
    rec.meta({ t: 'exit', code });
    internal--;
  });

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
          return original.call(this, t);
        },
      }[name];
      g[name] = wrapped;
      if (timers[name] === original) timers[name] = wrapped;
    }
  }

  // Stopped from outside (Cancel, Ctrl+C): keep what was recorded, then let the signal do what it would have done.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const onSignal = () => {
      internal++;
      rec.flush();
      rec.meta({ t: 'stop', reason: 'cancelled', detail: `stopped by ${signal}`, activeResources: activeResources() });
      internal--;
      if (process.listenerCount(signal) > 1) return; // the program handles it itself
      internal++;
      writeUnhandled();
      internal--;
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }

  // A server traced under load: say where it listens (the runner then sends the requests).
  if (cfg.requests) {
    const net = require('node:net') as typeof import('node:net');
    const listen = net.Server.prototype.listen;
    net.Server.prototype.listen = function (this: import('node:net').Server, ...args: unknown[]) {
      this.once('listening', () => {
        const a = this.address();
        if (a && typeof a === 'object') rec.meta({ t: 'listening', port: a.port, address: a.address });
      });
      return (listen as (...a: unknown[]) => import('node:net').Server).apply(this, args);
    } as typeof listen;
  }

  // The time limit. An unref'd timer made while `internal` is set: never recorded, never keeps the program alive.
  realSetTimeout(() => stop('timeout', 'the program was still running at the time limit'), config.timeoutMs).unref();

  // ---- instrument the user's modules -----------------------------------------------------------------------------
  type CompileFn = (this: unknown, content: string, filename: string, ...rest: unknown[]) => unknown;
  const moduleInternals = Module as unknown as {
    prototype: { _compile: CompileFn };
    _extensions: Record<string, (module: { _compile: CompileFn }, filename: string) => void>;
  };
  const overrides = readOverrides(cfg);
  const originalCompile = moduleInternals.prototype._compile;
  moduleInternals.prototype._compile = function (content: string, filename: string, ...rest: unknown[]) {
    if (isUserFile(filename, cfg) && typeof content === 'string') {
      content = overrides.get(filename) ?? content;
      const format = rest[0] === 'module' ? 'module' : 'commonjs';
      internal++;
      try {
        content = prepareModule(stripBom(content), filename, format, { races: cfg.races }).code;
      } catch (err) {
        // JavaScript with a syntax error is left for Node to report exactly as it would untraced.
        if (!(err instanceof InstrumentSyntaxError) || needsCompiling(filename)) throw err;
      } finally {
        internal--;
      }
    }
    return originalCompile.call(this, content, filename, ...rest);
  };
  for (const ext of ['.ts', '.cts', '.tsx', '.jsx']) {
    moduleInternals._extensions[ext] = (module, filename) => {
      const source = overrides.get(filename) ?? readFileSync(filename, 'utf8');
      internal++;
      let format: string;
      try {
        format = moduleFormatOf(filename, source) === 'module' ? 'module' : 'commonjs';
        if (isTypeScript(filename)) resolveTypeScriptSources();
      } finally {
        internal--;
      }
      module._compile(source, filename, format);
    };
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
          request = typeScriptSourceFor(request, from) ?? request;
        } finally {
          internal--;
        }
      }
      return resolveFilename.call(this, request, parent, ...rest);
    };
  }

  function stripBom(s: string): string {
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }

  const register = (Module as unknown as { register?: (url: string, options: object) => void }).register;
  if (register) {
    register(pathToFileURL(config.esmHooks).href, { parentURL: pathToFileURL(__filename).href, data: { config } });
  }

  rec.meta({
    t: 'start',
    node: process.version,
    entry: config.entry,
    pid: process.pid,
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    startedAt: Date.now(),
  });
  internal = 0;
}
