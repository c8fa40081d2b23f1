// What the runner tells the tracer (through one environment variable that the tracer removes at once).
import { sep } from 'node:path';
import { StringStartsWith, StringEndsWith, StringIncludes, RegExpExec } from './primordials';

export const CONFIG_ENV = 'LOOPSCOPE_TRACER_CONFIG';

export interface TracerConfig {
  /** folder the trace files are written to */
  dir: string;
  /** absolute path of the entry file */
  entry: string;
  timeoutMs: number;
  maxEvents: number;
  /** bytes of program output kept in the trace (all of it still reaches the terminal) */
  maxOutputBytes: number;
  /** how many scheduling sites to look up from the stack (each costs a stack capture) */
  stackCaptures: number;
  /** how many output lines get their printing line looked up */
  outputSiteCaptures: number;
  /** absolute path of the ESM hooks module */
  esmHooks: string;
  /** false: the entry is CommonJS, so the ES module hooks start only when the program may import (see the runtime) */
  esmEntry?: boolean;
  /** the persistent cache of instrumented files, if any (see instrument/cache.ts) */
  cacheDir?: string;
  /** absolute path of the tracer's own folder: never instrumented */
  tracerDir: string;
  /** path fragments that mark files as not the user's code (node_modules by default) */
  exclude: string[];
  /** a JSON file mapping absolute paths to source text that replaces what is on disk (unsaved editor changes) */
  overridesFile?: string;
  /** record reads and writes of shared state for race detection */
  races: boolean;
  /** a server under load: report when the program's server listens, so the runner can send the requests */
  requests?: boolean;
  /** the flags the runner put before the entry (the tracer's own): taken out of process.execArgv */
  execArgv?: string[];
  /** the fd of the runner's control pipe (stop requests), if any */
  control?: number;
  /** set in a child Node process the program started (see tracer/processes.ts) */
  child?: ChildConfig;
}

/** What a traced child process learns from the loop that started it. */
export interface ChildConfig {
  /** the thread id (in the trace) of the loop that started it */
  parent: number;
  /** its stdout and stderr do not reach the program's (a pipe to its parent, ignored, a file) */
  piped: { stdout: boolean; stderr: boolean };
  /** started detached: it may outlive the program, so it is never stopped, only no longer recorded */
  detached: boolean;
  /** NODE_OPTIONS as the program gave it (null: unset), when the tracer came in through NODE_OPTIONS (a shell) */
  nodeOptions?: string | null;
  /** when the time limit ends, in ms since the epoch (the same for every process of the program) */
  deadline: number;
  /** its main thread's id in the trace, taken by the child as it starts (see claimProcessThread) */
  thread?: number;
  /** a cluster's worker (Node forwards its IPC messages to the cluster Worker object: see tracer/processes.ts) */
  cluster?: true;
  /** started by a synchronous call (spawnSync, ...): its parent waits for it, so it stops itself at the time limit */
  sync?: true;
}

/** The unsaved sources to use instead of the files on disk. */
export function readOverrides(config: Pick<TracerConfig, 'overridesFile'>): Map<string, string> {
  if (!config.overridesFile) return new Map();
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  return new Map(Object.entries(JSON.parse(readFileSync(config.overridesFile, 'utf8')) as Record<string, string>));
}

const SCRIPT = /\.(?:[cm]?js|[cm]?ts|[jt]sx)$/i;

/** Is this file the user's own code, to be instrumented? */
export function isUserFile(file: string, config: Pick<TracerConfig, 'tracerDir' | 'exclude'>): boolean {
  // (asked as each module loads: through the builtins as they were when the tracer started)
  if (!StringStartsWith(file, sep) || RegExpExec(SCRIPT, file) === null || StringEndsWith(file, '.d.ts')) return false;
  if (StringStartsWith(file, config.tracerDir)) return false;
  const { exclude } = config;
  for (let i = 0; i < exclude.length; i++) if (StringIncludes(file, exclude[i])) return false;
  return true;
}
