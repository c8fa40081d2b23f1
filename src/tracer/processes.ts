// Child Node processes as loops of their own: the child Node processes this loop starts are traced (each writes its
// own recording into the same folder), and the messages on their IPC channels are recorded on both sides.
//
// How a child is reached, without a listener or a property the program could notice:
// - every asynchronous child (spawn, fork, exec, execFile, cluster's fork) is started by ChildProcess.prototype.spawn
//   with its final command line and environment (`options.args` with argv0 first, `options.envPairs`); the wrapper
//   adds the tracer there, whatever environment the program supplied:
//   - Node itself (process.execPath, or a `node` executable) running a script: `--require <preload>` goes before
//     the script, and the child's configuration into its environment; the child takes both out again, so it sees its
//     command line (process.execArgv) and environment as untraced, and so do the children it starts;
//   - a shell (`exec`, `shell: true`) whose command names Node: the tracer comes in through NODE_OPTIONS, which the
//     child puts back as the program gave it. Every Node the shell starts reads it and is traced if it runs a script.
//   Anything else (a program other than Node, Node with -e, -p, --test or a REPL) runs untouched and untraced.
// - the synchronous calls (spawnSync, execSync, execFileSync) start their child through the `spawn` of Node's
//   `spawn_sync` binding, with options of the same shape: it is wrapped the same way (see watchSyncChildren).
// - a message sent: `send` of the child (an own function Node sets on each ChildProcess with an IPC channel) and
//   `process.send` in the child are wrapped; Node's own messages (`cmd: 'NODE_…'`, cluster's and handle passing) are
//   not the program's and are not counted.
// - a message received: Node emits 'message' on the ChildProcess (or on process, in the child) in a nextTick task of
//   its own; ChildProcess.prototype gets an `emit` that notes it (process's emit is wrapped by the runtime already).
// Messages are matched by their order on each direction of a channel (IPC delivers in order). Each side names the
// other: the child its parent's thread id, the parent the child's pid (the model finds the child's loop by its pid).
import childProcess from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PROCESS_THREADS } from '../core/raw-events';
import { CONFIG_ENV, type TracerConfig } from './config';
import { Channel, listenersOf, type MessageSink } from './threads';
import { ReflectApply, ReflectGetPrototypeOf, SafeWeakMap } from './primordials';
import { stripExecArgv } from './process-view';

export interface Processes {
  /** process.emit saw `event`: an IPC message from the parent is received in this task */
  processEmitted(event: unknown): void;
  /** the program stops at a limit: the children the tracer started with it (not detached or unref'd ones) are stopped too */
  stopChildren(): void;
}

/** Node's options that take the next argument as their value (a script cannot be that argument). */
const VALUE_OPTIONS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--env-file', '--env-file-if-exists', '--title', '--input-type', '--inspect-port', '--debug-port', '--openssl-config', '--redirect-warnings', '--icu-data-dir', '--disable-warning']);
/** options that make Node run something other than a script file */
const NO_SCRIPT = /^(?:--(?:eval|print|interactive|check|test|run|version|help|v8-options|watch|watch-path)(?:=|$)|-[a-zA-Z]*[epicvh])/;

/** options that make Node run code given on its command line (`-e`, `-p`, `-pe`, `--eval=…`, ...) */
const CODE = /^(?:--(?:eval|print)(?:=|$)|-[ep]+$)/;

/**
 * What this command line (argv0 first) makes Node run: a script (its index in it), code given with -e or -p
 * ('code'), or nothing the tracer follows (null: not Node, a REPL, --test, --check, ...).
 */
export function nodeRuns(file: string, args: readonly unknown[]): number | 'code' | null {
  if (file !== process.execPath && !/^(?:node|nodejs)(?:\.exe)?$/i.test(basename(file))) return null;
  let code = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (typeof a !== 'string') return null;
    if (a === '--') return code ? 'code' : i + 1 < args.length ? i + 1 : null;
    if (CODE.test(a)) {
      code = true;
      if (!a.includes('=')) i++; // the code
      continue;
    }
    if (a === '-' || NO_SCRIPT.test(a)) return null;
    // after the code, the rest is its process.argv
    if (!a.startsWith('-')) return code ? 'code' : i;
    if (VALUE_OPTIONS.has(a)) i++;
  }
  return code ? 'code' : null;
}

/** Does this command line (argv0 first) run Node on a script? The script's index in it, or -1. */
export function nodeScriptAt(file: string, args: readonly unknown[]): number {
  const runs = nodeRuns(file, args);
  return typeof runs === 'number' ? runs : -1;
}

/** A shell command that names Node (the node on PATH, or this one). */
const namesNode = (command: string): boolean => command.includes(process.execPath) || /(?:^|[\s;&|(`'"/])node(?:js)?(?=[\s;&|)`'"]|$)/.test(command);

/**
 * Does a child's fd (1 or 2) go where this process's does? `stdio` as the program gave it (async children) or as
 * Node normalized it (synchronous ones: `{ type: 'inherit', fd }`, `{ type: 'fd', fd }`).
 */
function reachesOwn(stdio: unknown, fd: 1 | 2): boolean {
  const entry = stdio === 'inherit' ? 'inherit' : Array.isArray(stdio) ? stdio[fd] : undefined;
  if (entry === 'inherit' || entry === fd) return true;
  if (typeof entry === 'object' && entry !== null) return entry === (fd === 1 ? process.stdout : process.stderr) || ((entry as { type?: unknown }).type !== 'pipe' && (entry as { fd?: unknown }).fd === fd);
  return false;
}

/**
 * The synchronous calls (spawnSync, execSync, execFileSync) all start their child through one function of Node's
 * `spawn_sync` binding, with the same options as an asynchronous child's. The binding is reached through
 * process.binding, unless Node was asked for pending deprecations (then process.binding warns on its first call:
 * those children run untraced).
 */
function watchSyncChildren(traceChild: (o: { file?: unknown; args?: unknown; envPairs?: unknown; stdio?: unknown }, sync: boolean) => { programArgs: unknown[] | undefined } | null, returned: () => void): void {
  let binding: { spawn?: unknown } | undefined;
  try {
    const getBinding = (process as unknown as { binding?: (name: string) => { spawn?: unknown } }).binding;
    if (typeof getBinding === 'function' && getBinding.name === 'binding') binding = ReflectApply(getBinding, process, ['spawn_sync']) as { spawn?: unknown };
  } catch {
    return;
  }
  const realSpawn = binding?.spawn;
  if (typeof realSpawn !== 'function') return;
  const spawn = {
    spawn(this: unknown, options: unknown) {
      let traced: { programArgs: unknown[] | undefined } | null = null;
      const o = options as { args?: unknown; envPairs?: unknown } | null;
      const envPairs = o?.envPairs;
      try {
        traced = o ? traceChild(o, true) : null;
      } catch {
        /* never disturb the program: it starts as it would */
      }
      try {
        return ReflectApply(realSpawn, this, [options]);
      } finally {
        // Node reads them again for an error's `spawnargs`: the command line the program gave
        if (traced) {
          if (traced.programArgs !== undefined) o!.args = traced.programArgs;
          o!.envPairs = envPairs;
        }
        returned();
      }
    },
  }.spawn;
  Object.defineProperty(spawn, 'length', { value: realSpawn.length });
  Object.defineProperty(binding, 'spawn', { ...Object.getOwnPropertyDescriptor(binding, 'spawn'), value: spawn });
}

/**
 * A cluster worker's environment names it. Between a cluster's primary and its workers, Node's own 'message' listener
 * (on the ChildProcess, and on the worker's process) forwards each message to the cluster Worker object, where the
 * program listens: who listens there is not counted (its messages are taken as heard, its sender as not waiting).
 */
const isClusterWorker = (envPairs: unknown): boolean => Array.isArray(envPairs) && envPairs.some((p) => typeof p === 'string' && p.startsWith('NODE_UNIQUE_ID='));

/** Node's own IPC messages (child_process' isInternal): not the program's */
const internalMessage = (m: unknown): boolean =>
  typeof m === 'object' && m !== null && typeof (m as { cmd?: unknown }).cmd === 'string' && ((m as { cmd: string }).cmd.startsWith('NODE_'));

/**
 * The thread id of a new child process's main thread: the first free slot in the trace folder (any process may ask),
 * or -1 when the folder is gone (a child started by a background process after the trace was read): not traced.
 */
export function claimProcessThread(dir: string): number {
  for (let n = 1; n < 100_000; n++) {
    try {
      closeSync(openSync(join(dir, `loop-${n}`), 'wx'));
      return n * PROCESS_THREADS;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return -1;
    }
  }
  return -1;
}

/**
 * In a child process, before anything else: its environment as the program gave it, and whether it is traced (Node
 * running a script; anything else started with NODE_OPTIONS from a shell runs untraced). A traced child takes its
 * thread id in the trace, its entry and its share of the time limit.
 */
export function startChildProcess(cfg: TracerConfig): boolean {
  const child = cfg.child!;
  if (child.nodeOptions === null) delete process.env.NODE_OPTIONS;
  else if (child.nodeOptions !== undefined) process.env.NODE_OPTIONS = child.nodeOptions;
  const script = process.argv[1];
  const code = (process as unknown as { _eval?: unknown })._eval;
  // Node running code from its command line (-e, -p) has it in process._eval, and its flags in process.execArgv
  const runs = typeof code === 'string' ? process.execArgv.every((a) => CODE.test(a) || !NO_SCRIPT.test(a)) : typeof script === 'string' && !process.execArgv.some((a) => NO_SCRIPT.test(a));
  const thread = runs ? claimProcessThread(cfg.dir) : -1;
  if (thread < 0) {
    stripExecArgv(cfg.execArgv ?? []);
    return false;
  }
  child.thread = thread;
  // code has no file: its loop's entry is null, and the ES module hooks start with it only if it may import
  cfg.entry = typeof code === 'string' ? '' : script;
  if (typeof code === 'string') cfg.esmEntry = /\bimport\b/.test(code) || process.execArgv.includes('--input-type=module');
  // (a moment after the program's: its parent stops it first, unless it waits for it in a synchronous call)
  cfg.timeoutMs = Math.max(0, child.deadline + (child.sync ? 0 : 2000) - Date.now());
  return true;
}

/**
 * `self`: this thread's id in the trace; `deadline`: when the program's time limit ends (ms since the epoch);
 * `piped`: this process's own stdout and stderr do not reach the program's.
 */
export function watchProcesses(sink: MessageSink, cfg: TracerConfig, self: number, deadline: number, piped: { stdout: boolean; stderr: boolean }, timeUp: () => void): Processes {
  const ChildProcess = childProcess.ChildProcess as unknown as { prototype: Record<string, unknown> };
  const preload = join(cfg.tracerDir, 'preload.cjs');
  /** the traced children: their pid, and the messages sent to and received from each */
  const children = new SafeWeakMap<object, { pid: number; sent: number; received: number; cluster: boolean }>();
  const running: { child: { pid?: number; exitCode: unknown; signalCode: unknown; kill(s: string): unknown }; detached: boolean }[] = [];

  const childConfig = (stdio: unknown, detached: boolean, cluster: boolean, sync: boolean, nodeOptions?: string | null): string => {
    const child: TracerConfig = {
      ...cfg,
      entry: '',
      control: undefined,
      requests: false,
      esmEntry: undefined,
      execArgv: nodeOptions === undefined ? ['--require', preload] : [],
      child: {
        parent: self,
        piped: { stdout: piped.stdout || !reachesOwn(stdio, 1), stderr: piped.stderr || !reachesOwn(stdio, 2) },
        detached,
        deadline,
        ...(nodeOptions !== undefined ? { nodeOptions } : {}),
        ...(cluster ? { cluster: true as const } : {}),
        ...(sync ? { sync: true as const } : {}),
      },
    };
    return JSON.stringify(child);
  };

  /**
   * A child about to start, as Node's spawn functions hand it to libuv (`file`, `args` with argv0 first, `envPairs`,
   * `stdio`, `shell`, `detached`): when it is Node running a script, or a shell command that names Node, the tracer
   * goes into its command line or environment. The command line the program gave, when it was changed, or undefined.
   */
  function traceChild(o: { file?: unknown; args?: unknown; envPairs?: unknown; shell?: unknown; stdio?: unknown; detached?: unknown }, sync: boolean): { programArgs: unknown[] | undefined } | null {
    if (!sink.recording() || typeof o.file !== 'string' || !Array.isArray(o.args) || !Array.isArray(o.envPairs)) return null;
    const detached = !!o.detached;
    const cluster = isClusterWorker(o.envPairs);
    const runs = nodeRuns(o.file, o.args);
    const command = o.shell ? o.args[o.args.length - 1] : undefined;
    if (runs !== null) {
      const programArgs = o.args;
      // first, where the child takes them out of its process.execArgv again
      o.args = [o.args[0], '--require', preload, ...o.args.slice(1)];
      o.envPairs = [...(o.envPairs as string[]), `${CONFIG_ENV}=${childConfig(o.stdio, detached, cluster, sync)}`];
      return { programArgs };
    }
    if (typeof command === 'string' && namesNode(command)) {
      const pairs = o.envPairs as string[];
      const i = pairs.findIndex((p) => typeof p === 'string' && p.startsWith('NODE_OPTIONS='));
      const own = i >= 0 ? pairs[i].slice('NODE_OPTIONS='.length) : null;
      const rest = pairs.filter((_, k) => k !== i);
      o.envPairs = [...rest, `NODE_OPTIONS=--require ${JSON.stringify(preload)}${own ? ` ${own}` : ''}`, `${CONFIG_ENV}=${childConfig(o.stdio, detached, cluster, sync, own)}`];
      return { programArgs: undefined };
    }
    return null;
  }

  const realSpawn = ChildProcess.prototype.spawn as (this: object, options: unknown) => unknown;
  const spawn = {
    spawn(this: { pid?: number; spawnargs?: unknown; send?: unknown; exitCode: unknown; signalCode: unknown; kill(s: string): unknown }, options: unknown) {
      let traced: { programArgs: unknown[] | undefined } | null = null;
      try {
        const o = options as Parameters<typeof traceChild>[0] | null;
        traced = o ? traceChild(o, false) : null;
        if (traced) {
          // (those that ended are let go: a program may start thousands)
          if (running.length >= 64) running.splice(0, running.length, ...running.filter((r) => r.child.exitCode === null && r.child.signalCode === null));
          running.push({ child: this, detached: !!o!.detached });
        }
      } catch {
        /* never disturb the program: it starts as it would */
      }
      const result = ReflectApply(realSpawn, this, [options]);
      try {
        // the program sees the command line it gave (the tracer's flags went to the child only)
        if (traced?.programArgs !== undefined) this.spawnargs = traced.programArgs;
        if (traced && typeof this.pid === 'number') {
          const state = { pid: this.pid, sent: 0, received: 0, cluster: isClusterWorker((options as { envPairs?: unknown }).envPairs) };
          children.set(this, state);
          if (typeof this.send === 'function') {
            Object.defineProperty(this, 'send', {
              ...Object.getOwnPropertyDescriptor(this, 'send'),
              value: wrapSend(this.send as Send, (m) => !internalMessage(m) && state.pid > 0, (m) => sink.sent(state.pid, ++state.sent, Channel.Child, m, !state.cluster && listenersOf(this, 'message') > 0)),
            });
          }
          watchChildMessages();
        }
      } catch {
        /* never disturb the program */
      }
      return result;
    },
  }.spawn;
  Object.defineProperty(spawn, 'length', { value: realSpawn.length });
  Object.defineProperty(ChildProcess.prototype, 'spawn', { ...Object.getOwnPropertyDescriptor(ChildProcess.prototype, 'spawn'), value: spawn });
  // a synchronous child that ran into the time limit stopped itself; its parent, which waited, stops now
  watchSyncChildren(traceChild, () => {
    if (Date.now() >= deadline) timeUp();
  });

  // ChildProcess.prototype.emit: a 'message' of a traced child is received in the task that emits it
  let watching = false;
  function watchChildMessages(): void {
    if (watching) return;
    watching = true;
    const proto = ChildProcess.prototype;
    const emit = {
      emit(this: object, event: unknown) {
        try {
          const state = event === 'message' ? children.get(this) : undefined;
          if (state && sink.recording()) sink.received(state.pid, ++state.received, Channel.Child, state.cluster || listenersOf(this, 'message') > 0);
        } catch {
          /* never disturb the program */
        }
        const inherited = (ReflectGetPrototypeOf(proto) as { emit: (...a: unknown[]) => boolean }).emit;
        // eslint-disable-next-line prefer-rest-params
        return ReflectApply(inherited, this, arguments as unknown as unknown[]);
      },
    }.emit;
    Object.defineProperty(emit, 'length', { value: 2 });
    Object.defineProperty(proto, 'emit', { value: emit, writable: true, enumerable: false, configurable: true });
  }

  // in a traced child: its messages to the parent, and from it (seen by the runtime's process.emit)
  let toParent = 0;
  let fromParent = 0;
  const child = cfg.child;
  /** a cluster worker: Node's own listener forwards each message from process to the cluster Worker object */
  const clusterWorker = child?.cluster === true;
  const proc = process as unknown as { send?: Send; channel?: unknown; connected?: boolean };
  if (child && typeof proc.send === 'function') {
    Object.defineProperty(process, 'send', {
      ...Object.getOwnPropertyDescriptor(process, 'send'),
      value: wrapSend(proc.send, (m) => !internalMessage(m), (m) => sink.sent(child.parent, ++toParent, Channel.Parent, m, !clusterWorker && listenersOf(process, 'message') > 0)),
    });
  }

  return {
    processEmitted(event) {
      if (event === 'message' && child && proc.channel && sink.recording()) sink.received(child.parent, ++fromParent, Channel.Parent, clusterWorker || listenersOf(process, 'message') > 0);
    },
    stopChildren() {
      for (const { child: c, detached } of running) {
        if (detached || c.exitCode !== null || c.signalCode !== null) continue;
        // a child the program unref'd runs in the background (the program does not wait for it): left running, as
        // a detached one is
        const handle = (c as { _handle?: { hasRef?: () => boolean } | null })._handle;
        if (handle && typeof handle.hasRef === 'function' && !handle.hasRef()) continue;
        try {
          c.kill('SIGKILL');
        } catch {
          /* gone */
        }
      }
    },
  };
}

type Send = (this: unknown, ...args: unknown[]) => unknown;

/** `send` as Node made it, noting each of the program's messages that goes out (a closed channel sends nothing). */
function wrapSend(real: Send, counts: (message: unknown) => boolean, note: (message: unknown) => void): Send {
  const send = {
    send(this: unknown, ...args: unknown[]) {
      const connected = (this as { connected?: unknown } | null)?.connected === true;
      const result = ReflectApply(real, this, args);
      try {
        if (connected && counts(args[0])) note(args[0]);
      } catch {
        /* never disturb the program */
      }
      return result;
    },
  }.send;
  Object.defineProperty(send, 'length', { value: real.length });
  return send;
}
