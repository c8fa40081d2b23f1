// Runs the user's program traced, in a child process on the user's own Node, and turns the recording into a Trace.
// Shared by the CLI and the VS Code extension (it runs in either's Node process, never in the traced one).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, openSync, readSync, closeSync, existsSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname, sep } from 'node:path';
import { buildTrace } from '../model';
import { META_FILE, PROCESS_THREADS, RECORD_BYTES, THREAD_META_FILE, threadFiles, type MetaRecord, type RawRun } from '../core/raw-events';
import type { Trace, StopReason } from '../core/trace-format';
import { prepareModuleOnce, moduleFormatOf, needsCompiling, SCRIPT_EXTENSIONS, type ModuleFormat, type PrepareCache } from '../instrument/prepare';
import { defaultCacheDir, pruneCache } from '../instrument/cache';
import { InstrumentSyntaxError } from '../instrument/instrument';
import { CONFIG_ENV, type TracerConfig } from '../tracer/config';
import { fireRequests, type RequestSpec, type RequestResult } from './requests';

export interface TraceOptions {
  entry: string;
  args?: string[];
  /** the Node executable to run the program with (default: `node` on PATH) */
  node?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  maxEvents?: number;
  maxOutputBytes?: number;
  /** path fragments of files that are not the user's code (default: node_modules) */
  exclude?: string[];
  /** 'inherit': the program talks to this terminal directly; 'pipe': output is handed to onOutput */
  stdio?: 'inherit' | 'pipe';
  onOutput?: (stream: 'stdout' | 'stderr', chunk: string) => void;
  /** cancel: kills the whole process tree and keeps what was recorded */
  signal?: AbortSignal;
  /** called with the child once it started (e.g. to show its pid) */
  onSpawn?: (child: ChildProcess) => void;
  /** source text to trace instead of what is on disk, by absolute path (an editor's unsaved changes) */
  sourceOverrides?: Record<string, string>;
  /** record shared state for race detection (default true) */
  races?: boolean;
  /** a server under load: once it listens, these requests are sent at once; it is stopped when all are answered */
  requests?: RequestSpec[];
  /**
   * the persistent cache of instrumented files (a file unchanged since an earlier run is not instrumented again);
   * default: LOOPSCOPE_CACHE_DIR, else the OS's cache folder (see instrument/cache.ts); false: none
   */
  cacheDir?: string | false;
  /** handed the raw recording before the model reads it (the model's golden tests keep it, see test/model) */
  onRawRun?: (run: RawRun) => void;
}

/** the child's fd of the runner's control pipe */
const CONTROL_FD = 3;

export const DEFAULTS = { timeoutMs: 10_000, maxEvents: 2_000_000, maxOutputBytes: 4 * 1024 * 1024 };

/** A problem with what the user asked to trace: shown as is, no stack. */
export class TraceInputError extends Error {
  constructor(message: string, readonly location?: { file: string; line: number; column: number }) {
    super(message);
    this.name = 'TraceInputError';
  }
}

/** Where the tracer bundles are: dist/tracer next to the running bundle, or the built dist/ of the checkout. */
export function tracerDir(): string {
  const candidates = [join(__dirname, 'tracer'), join(__dirname, '..', 'dist', 'tracer'), join(__dirname, '..', '..', 'dist', 'tracer')];
  const found = candidates.find((d) => existsSync(join(d, 'preload.cjs')));
  if (!found) throw new Error(`Loopscope's tracer is not built (looked in ${candidates.join(', ')}); run npm run build`);
  return found;
}

/**
 * Check the entry before running anything: exists, is a script, is text, parses. With `prepare.runDir` (and
 * `cacheDir`), the entry instrumented here is kept for the traced process, which then does not do it again.
 */
export function checkEntry(
  entryArg: string,
  cwd: string,
  overrides: Record<string, string> = {},
  prepare: { races?: boolean } & PrepareCache = {},
): { entry: string; format: ModuleFormat } {
  const entry = resolve(cwd, entryArg);
  let st;
  try {
    st = statSync(entry);
  } catch {
    throw new TraceInputError(`${entry}: no such file`);
  }
  if (st.isDirectory()) throw new TraceInputError(`${entry} is a directory: name a ${SCRIPT_EXTENSIONS.join(' ')} file`);
  if (!SCRIPT_EXTENSIONS.some((ext) => entry.toLowerCase().endsWith(ext))) {
    throw new TraceInputError(`${entry}: Loopscope traces ${SCRIPT_EXTENSIONS.join(' ')} files`);
  }
  const fd = openSync(entry, 'r');
  const head = Buffer.alloc(8192);
  const got = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  // a NUL can stand in a string literal of a program Node runs; only a file that also fails to parse is called binary
  const hasNul = head.subarray(0, got).includes(0);
  const source = overrides[entry] ?? readFileSync(entry, 'utf8');
  let format: ModuleFormat;
  try {
    format = moduleFormatOf(entry, source, prepare);
    prepareModuleOnce(source.replace(/^\uFEFF/, ''), entry, format, prepare);
  } catch (err) {
    if (err instanceof InstrumentSyntaxError && hasNul) throw new TraceInputError(`${entry} is a binary file, not JavaScript or TypeScript source`);
    if (err instanceof InstrumentSyntaxError) {
      const text = err.file === entry ? source : readFileSync(err.file, 'utf8'); // a tsconfig.json the entry's transform reads
      throw new TraceInputError(`${err.file}:${err.line}:${err.column}: SyntaxError: ${err.message}\n${codeFrame(text, err.line, err.column)}`, {
        file: err.file,
        line: err.line,
        column: err.column,
      });
    }
    throw err;
  }
  return { entry, format };
}

function codeFrame(source: string, line: number, column: number): string {
  const lines = source.split(/\r?\n/);
  const out: string[] = [];
  for (let l = Math.max(1, line - 2); l <= Math.min(lines.length, line + 1); l++) {
    out.push(`${l === line ? '>' : ' '} ${String(l).padStart(4)} | ${lines[l - 1]}`);
    if (l === line) out.push(`       | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out.join('\n');
}

export interface TracedRun {
  trace: Trace;
  exitCode: number | null;
  signal: string | null;
}

export async function runTraced(options: TraceOptions): Promise<TracedRun> {
  const cwd = options.cwd ?? process.cwd();
  const overrides = options.sourceOverrides ?? {};
  const races = options.races ?? true;
  const dir = mkdtempSync(join(tmpdir(), 'loopscope-'));
  const cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? defaultCacheDir(options.env ?? process.env));
  let entry: string;
  let format: ModuleFormat;
  try {
    ({ entry, format } = checkEntry(options.entry, cwd, overrides, { races, runDir: dir, cacheDir }));
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  let overridesFile: string | undefined;
  if (Object.keys(overrides).length > 0) {
    overridesFile = join(dir, 'overrides.json');
    writeFileSync(overridesFile, JSON.stringify(overrides));
  }
  const tracer = tracerDir();
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const config: TracerConfig = {
    dir,
    entry,
    timeoutMs,
    maxEvents: options.maxEvents ?? DEFAULTS.maxEvents,
    maxOutputBytes: options.maxOutputBytes ?? DEFAULTS.maxOutputBytes,
    stackCaptures: 50_000,
    outputSiteCaptures: 20_000,
    esmHooks: join(tracer, 'esm-hooks.mjs'),
    esmEntry: format === 'module',
    cacheDir,
    tracerDir: dirname(join(tracer, 'x')) + sep,
    exclude: options.exclude ?? [`${sep}node_modules${sep}`],
    overridesFile,
    races,
    requests: !!options.requests?.length,
  };
  // The tracer turns source maps on itself (for the user's files only, where Node can) and takes these flags out of
  // process.execArgv again, so the program sees them as untraced and the Node children it starts run untraced.
  const nodeArgs = ['--require', join(tracer, 'preload.cjs')];
  // A TypeScript entry that is an ES module must start in Node's ESM loader; --import puts it there on every version.
  if (needsCompiling(entry) && format === 'module') nodeArgs.push('--import', join(tracer, 'esm-entry.mjs'));
  config.execArgv = [...nodeArgs];
  config.control = CONTROL_FD;
  const node = options.node ?? 'node';
  const started = Date.now();
  let stopped: StopReason | undefined;
  let stopDetail: string | undefined;

  const child = spawn(node, [...nodeArgs, entry, ...(options.args ?? [])], {
    cwd,
    env: { ...(options.env ?? process.env), [CONFIG_ENV]: JSON.stringify(config) },
    // fd 3: the control pipe (stop requests, see tracer/control.ts)
    stdio: options.stdio === 'pipe' ? ['pipe', 'pipe', 'pipe', 'pipe'] : ['inherit', 'inherit', 'inherit', 'pipe'],
    detached: true, // its own process group, so a cancel can stop everything it started (as Ctrl+C would)
  });
  const control = child.stdio[CONTROL_FD] as import('node:stream').Duplex | null;
  control?.on('error', () => undefined);
  if (options.stdio === 'pipe') {
    child.stdin?.end();
    child.stdout?.setEncoding('utf8').on('data', (d: string) => options.onOutput?.('stdout', d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => options.onOutput?.('stderr', d));
  }
  let exited = false;
  child.once('exit', () => {
    exited = true;
    control?.destroy(); // the program's own children may hold fd 3 open: it must not delay 'close'
  });
  /** 'group': the program and every process it started (a cancel, Ctrl+C); 'self': the program only */
  const kill = (sig: NodeJS.Signals, scope: 'group' | 'self') => {
    try {
      if (child.pid) process.kill(scope === 'group' ? -child.pid : child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  /** Ask the tracer to keep what it recorded, then send the signal (at once if it does not answer: a busy loop). */
  const stopProgram = (sig: 'SIGTERM' | 'SIGINT', scope: 'group' | 'self') => {
    if (exited) return;
    let sent = false;
    const send = () => {
      if (sent) return;
      sent = true;
      clearTimeout(noAnswer);
      control?.removeListener('data', onAnswer);
      kill(sig, scope);
    };
    const onAnswer = () => send();
    const noAnswer = setTimeout(send, 300);
    if (control && control.writable) {
      control.once('data', onAnswer);
      control.write(`${sig} ${scope}\n`);
    } else send();
  };
  // The tracer stops the program itself at the time limit; this is the last resort if it cannot (native code busy).
  // Only the program is stopped: what it started itself lives on, as it would when the program ends.
  const hardStop = setTimeout(() => {
    stopped = 'timeout';
    stopDetail = 'the program did not respond at the time limit and was killed';
    kill('SIGKILL', 'self');
  }, timeoutMs + 3000);
  const onAbort = () => {
    stopped = 'cancelled';
    stopDetail = 'the trace was cancelled';
    stopProgram('SIGTERM', 'group');
    setTimeout(() => kill('SIGKILL', 'group'), 800).unref();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const forwardInterrupt = () => {
    stopped = 'cancelled';
    stopDetail = 'interrupted (Ctrl+C)';
    stopProgram('SIGINT', 'group');
  };
  if (options.stdio !== 'pipe') process.on('SIGINT', forwardInterrupt);
  options.onSpawn?.(child);

  // A server under load: wait until it listens, send every request at once, stop it when all are answered.
  let requestResults: RequestResult[] | undefined;
  const load = options.requests?.length
    ? (async () => {
        const port = await waitForListening(join(dir, META_FILE), () => exited);
        if (port === null) return;
        requestResults = await fireRequests(port, options.requests!, timeoutMs);
        // give the handlers' last callbacks a moment, then stop the server (only it); the tracer keeps the trace
        await new Promise((r) => setTimeout(r, 100));
        stopProgram('SIGTERM', 'self');
      })()
    : Promise.resolve();

  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: string | null }>((res, rej) => {
      child.once('error', (err: NodeJS.ErrnoException) => {
        rej(err.code === 'ENOENT' ? new TraceInputError(`Node.js not found: "${node}" could not be started. Set the Node path (--node PATH, or the loopscope.nodePath setting).`) : err);
      });
      // 'close' waits for the program's stdout and stderr to close. A background child the program left running
      // holds them open while it runs, and what it prints is output as untraced; at the time limit (or half a second
      // after the exit, if that is later) the runner stops reading. The child is never stopped: it lives on.
      let grace: NodeJS.Timeout | undefined;
      child.once('exit', (c, s) => {
        grace = setTimeout(
          () => {
            child.stdout?.destroy();
            child.stderr?.destroy();
            res({ code: c, signal: s });
          },
          Math.max(500, started + timeoutMs - Date.now()),
        );
      });
      child.once('close', (c, s) => {
        clearTimeout(grace);
        res({ code: c, signal: s });
      });
    });
    await load;
    const raw = readRaw(dir);
    if (!raw.meta.some((m) => m.t === 'start')) {
      throw new TraceInputError(`the program did not start under the tracer (exit code ${code ?? signal}); is "${node}" Node.js 20.6 or newer?`);
    }
    await childrenDone(dir, timeoutMs);
    const threads = readThreads(dir);
    const run: RawRun = {
      events: raw.events,
      meta: raw.meta,
      ...(threads.length > 0 ? { threads } : {}),
      entry,
      exitCode: code,
      signal,
      durationMs: Date.now() - started,
      // a signal the runner did not send is the program's own doing (or someone else's): not a stop by Loopscope
      stopped,
      stopDetail,
    };
    if (requestResults) {
      // stopped by us once every request was answered: that is how a server trace ends, not an interruption
      run.stopped = undefined;
      run.meta = raw.meta.filter((m) => m.t !== 'stop');
      run.stopDetail = `stopped after its ${requestResults.length} request${requestResults.length === 1 ? ' was' : 's were'} answered`;
      run.requests = requestResults;
    }
    options.onRawRun?.(run);
    const trace = buildTrace(run);
    return { trace, exitCode: code, signal };
  } finally {
    clearTimeout(hardStop);
    options.signal?.removeEventListener('abort', onAbort);
    process.removeListener('SIGINT', forwardInterrupt);
    rmSync(dir, { recursive: true, force: true });
    if (cacheDir) pruneCache(cacheDir, undefined, true);
  }
}

/**
 * Child processes still writing their recordings as the program ends (a cluster's workers leave when the primary
 * does, a child may be stopped with the program): wait for each to finish (its recording says how it ended, or it is
 * gone), a second at most. A detached child may live on for good: it is not waited for. (With the program's stdout a
 * pipe, the runner already waited for every child that shares it.)
 */
async function childrenDone(dir: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + Math.min(1000, timeoutMs);
  const running = () =>
    readdirSync(dir)
      .map((name) => THREAD_META_FILE.exec(name))
      .filter((m) => m !== null && Number(m[1]) % PROCESS_THREADS === 0)
      .some((m) => {
        const text = readFileSync(join(dir, m![0]), 'utf8');
        const start = /"t":"start".*?"pid":(\d+).*?"process":\{[^\n]*/.exec(text);
        if (!start || /"detached":true/.test(start[0]) || /"t":"(?:exit|stop)"/.test(text)) return false;
        try {
          process.kill(Number(start[1]), 0);
          return true;
        } catch {
          return false; // gone
        }
      });
  while (Date.now() < until && running()) await new Promise((r) => setTimeout(r, 20));
}

/** The recordings of the program's worker threads, in thread id order. */
export function readThreads(dir: string): NonNullable<RawRun['threads']> {
  const ids = readdirSync(dir)
    .map((name) => THREAD_META_FILE.exec(name))
    .filter((m) => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  return ids.map((thread) => ({ thread, ...readRaw(dir, thread) }));
}

/** Read what the tracer wrote; a partial last record or line (from a killed process) is dropped, not fatal. */
export function readRaw(dir: string, thread = 0): { events: Int32Array; meta: MetaRecord[] } {
  const files = threadFiles(thread);
  let bytes: Buffer = Buffer.alloc(0);
  try {
    bytes = readFileSync(join(dir, files.events));
  } catch {
    /* nothing recorded */
  }
  const whole = bytes.length - (bytes.length % RECORD_BYTES);
  const events = new Int32Array(whole / 4);
  new Uint8Array(events.buffer).set(bytes.subarray(0, whole));
  const meta: MetaRecord[] = [];
  let text = '';
  try {
    text = readFileSync(join(dir, files.meta), 'utf8');
  } catch {
    /* nothing recorded */
  }
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      meta.push(JSON.parse(line) as MetaRecord);
    } catch {
      /* a line cut short by a kill */
    }
  }
  return { events, meta };
}

/** Poll the tracer's side file until the program's server says where it listens; null if the program ends first. */
async function waitForListening(metaPath: string, ended: () => boolean): Promise<number | null> {
  for (;;) {
    try {
      const m = /"t":"listening","port":(\d+)/.exec(readFileSync(metaPath, 'utf8'));
      if (m) return Number(m[1]);
    } catch {
      /* not written yet */
    }
    if (ended()) return null;
    await new Promise((r) => setTimeout(r, 25));
  }
}
