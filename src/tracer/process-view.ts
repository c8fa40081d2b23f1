// What the program sees of its own process, made what it sees untraced: process.execArgv without the tracer's flags
// (so fork, cluster, `spawn(process.execPath, [...process.execArgv, file])` and `node --test` start their children
// as they would untraced), source maps reported as the program set them, require.cache and require.extensions
// without the tracer's entries.
import Module from 'node:module';
import { fileURLToPath } from 'node:url';

type Fn = (...a: unknown[]) => unknown;

/** Remove the runner's own leading flags from process.execArgv, in place (the same array stays). */
export function stripExecArgv(own: readonly string[]): void {
  const argv = process.execArgv;
  if (own.length > 0 && own.every((a, i) => argv[i] === a)) argv.splice(0, own.length);
}

/** The tracer module's own entry in require.cache (it was loaded with --require). */
export function leaveRequireCache(file: string): void {
  const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
  delete cache[file];
}

interface Support {
  enabled: boolean;
  nodeModules: boolean;
  generatedCode: boolean;
}

/**
 * Source maps: the tracer needs them on for the user's files (stack traces and the excerpt Node prints above an
 * uncaught error point at the original source, not the instrumented one); the program sees them as it set them:
 * off unless NODE_OPTIONS has --enable-source-maps or the program turns them on itself. Where Node can (22.14 and
 * later), they stay off for node_modules and generated code unless the program asks, as untraced.
 */
let program: Support = { enabled: false, nodeModules: false, generatedCode: false };

/** Source maps as the program sees them: has it turned them on (NODE_OPTIONS, process.setSourceMapsEnabled)? */
export const programSourceMapsEnabled = (): boolean => program.enabled;

export function enableSourceMaps(): void {
  const proc = process as unknown as Record<string, unknown>;
  const mod = Module as unknown as Record<string, unknown>;
  const fromFlag = /(?:^|\s)--enable-source-maps(?:\s|=|$)/.test(process.env.NODE_OPTIONS ?? '');
  program = { enabled: fromFlag, nodeModules: fromFlag, generatedCode: fromFlag };
  const realSetSupport = mod.setSourceMapsSupport as Fn | undefined;
  const realSetEnabled = proc.setSourceMapsEnabled as Fn | undefined;
  const realGetSupport = mod.getSourceMapsSupport as (() => Support) | undefined;
  const apply = () => {
    if (realSetSupport) realSetSupport(true, { nodeModules: program.enabled && program.nodeModules, generatedCode: program.enabled && program.generatedCode });
    else realSetEnabled?.(true);
  };
  apply();

  const replace = (obj: Record<string, unknown>, name: string, fn: Fn) => {
    const own = Object.getOwnPropertyDescriptor(obj, name);
    const original = obj[name] as Fn;
    Object.defineProperty(fn, 'length', { value: original.length });
    Object.defineProperty(obj, name, { value: fn, writable: own?.writable ?? true, enumerable: own?.enumerable ?? true, configurable: true });
  };
  if (typeof realSetEnabled === 'function') {
    replace(proc, 'setSourceMapsEnabled', {
      setSourceMapsEnabled(val: unknown) {
        realSetEnabled(val); // Node's own argument checks and errors
        program = realGetSupport ? { ...realGetSupport() } : { enabled: val === true, nodeModules: true, generatedCode: true };
        apply();
      },
    }.setSourceMapsEnabled);
  }
  if (typeof realSetSupport === 'function' && realGetSupport) {
    replace(mod, 'setSourceMapsSupport', {
      setSourceMapsSupport(enabled: unknown, options?: unknown) {
        (realSetSupport as Fn)(...(arguments.length > 1 ? [enabled, options] : [enabled]));
        program = { ...realGetSupport() };
        apply();
      },
    }.setSourceMapsSupport);
    replace(mod, 'getSourceMapsSupport', {
      getSourceMapsSupport() {
        return Object.freeze({ __proto__: null, ...program }) as unknown as Support;
      },
    }.getSourceMapsSupport);
  }
  const own = Object.getOwnPropertyDescriptor(process, 'sourceMapsEnabled');
  if (own?.get) {
    Object.defineProperty(process, 'sourceMapsEnabled', {
      get: {
        get() {
          return program.enabled;
        },
      }.get,
      set: own.set,
      enumerable: own.enumerable,
      configurable: true,
    });
  }
}

/**
 * Run `fn`, which starts Node's ES module loader thread, leaving nothing of it that the program could see; it may run
 * in the middle of the program (see the runtime's registerEsmHooks). Node pipes the thread's output into
 * process.stdout and process.stderr: the pipe's 'error', 'close', 'finish' and 'unpipe' listeners would show in the
 * program's listenerCount('error') and eventNames(), and adding them emits 'newListener' and 'pipe' there; they are
 * taken off again and those events are not emitted (the thread runs only the tracer's hooks, which print nothing;
 * whatever it wrote would still be written, the pipe's data side stays). Starting the thread also queues
 * process.nextTick callbacks (resuming the two pipes, emitting process 'worker'): queued while the program runs,
 * they would make its next microtasks drain inside processTicksAndRejections, one more frame in their stack traces.
 * They run here, at once, and process 'worker' is not emitted (untraced there is no such worker).
 */
export function withoutStdioListeners(fn: () => void): void {
  const streams = [process.stdout, process.stderr];
  const before = streams.map((s) => new Map(s.eventNames().map((e) => [e, s.listeners(e)] as const)));
  const hidden = (events: string[], target: object, run: () => void) => {
    const own = Object.getOwnPropertyDescriptor(target, 'emit');
    const emit = (target as { emit: (...a: unknown[]) => boolean }).emit;
    Object.defineProperty(target, 'emit', {
      value: function (this: unknown, event: unknown, ...args: unknown[]) {
        return typeof event === 'string' && events.includes(event) ? false : Reflect.apply(emit, this, [event, ...args]);
      },
      writable: true,
      configurable: true,
    });
    try {
      run();
    } finally {
      if (own) Object.defineProperty(target, 'emit', own);
      else delete (target as { emit?: unknown }).emit;
    }
  };
  const deferred: [(...a: unknown[]) => void, unknown[]][] = [];
  const nextTick = Object.getOwnPropertyDescriptor(process, 'nextTick')!;
  process.nextTick = (callback: (...a: unknown[]) => void, ...args: unknown[]) => void deferred.push([callback, args]);
  try {
    hidden(['newListener', 'pipe'], streams[0], () => hidden(['newListener', 'pipe'], streams[1], fn));
  } finally {
    Object.defineProperty(process, 'nextTick', nextTick);
  }
  streams.forEach((s, i) => {
    for (const e of s.eventNames()) {
      const had = before[i].get(e) ?? [];
      for (const l of s.listeners(e)) if (!had.includes(l)) s.removeListener(e, l as (...a: unknown[]) => void);
    }
  });
  hidden(['worker'], process, () => {
    for (const [callback, args] of deferred) Reflect.apply(callback, undefined, args);
  });
}

/**
 * module.findSourceMap as untraced: the tracer's maps of the files it instrumented are its own (untraced, a plain
 * JavaScript file has none). The tracer keeps the real function for itself.
 */
export function hideInstrumentedSourceMaps(instrumented: (file: string) => boolean): void {
  const mod = Module as unknown as Record<string, unknown>;
  const real = mod.findSourceMap as ((path: string) => unknown) | undefined;
  if (typeof real !== 'function') return;
  const own = Object.getOwnPropertyDescriptor(mod, 'findSourceMap');
  const wrapper = {
    findSourceMap(path: string) {
      let file = path;
      try {
        if (typeof path === 'string' && path.startsWith('file:')) file = fileURLToPath(path);
      } catch {
        /* not a file URL Node would know either */
      }
      if (typeof file === 'string' && instrumented(file)) return undefined;
      return real(path);
    },
  }.findSourceMap;
  Object.defineProperty(wrapper, 'length', { value: real.length });
  Object.defineProperty(mod, 'findSourceMap', { value: wrapper, writable: own?.writable ?? true, enumerable: own?.enumerable ?? true, configurable: true });
  (Module as unknown as { syncBuiltinESMExports?: () => void }).syncBuiltinESMExports?.();
}
