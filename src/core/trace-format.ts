// The trace file: its types (the one source of truth, documented in docs/trace-format.md) and its validation.
import type { FindingKind, FindingRole } from './findings';

export const TRACE_FORMAT = 'loopscope-trace';
export const TRACE_VERSION = 1;

/** Where a callback waited before it ran. `main` is the program's top-level code; `other` is anything unclassified. */
export type QueueName = 'main' | 'nextTick' | 'microtask' | 'timer' | 'immediate' | 'io' | 'close' | 'other';
export const QUEUES: readonly QueueName[] = ['main', 'nextTick', 'microtask', 'timer', 'immediate', 'io', 'close', 'other'];

export interface SourceSite {
  /** absolute path of the original file (the .ts, not generated code) */
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

export type StopReason = null | 'timeout' | 'max-events' | 'killed' | 'cancelled' | 'crashed';

export interface ProgramInfo {
  entry: string;
  node: string;
  argv: string[];
  cwd: string;
  exitCode: number | null;
  signal: string | null;
  /** why the trace ended early; null when the program ran to its end */
  stopped: StopReason;
  stopDetail?: string;
  /** what was still keeping the program alive when it was stopped */
  activeResources?: string[];
  /** an uncaught exception or unhandled rejection that ended the program */
  error?: { origin: string; name: string; message: string; source: SourceSite | null };
  durationMs: number;
  /** how many raw events the tracer recorded */
  events: number;
  /** true when output text was cut to fit the trace */
  outputTruncated?: boolean;
  /** a server traced under load: the requests sent to it and what came back */
  requests?: { method: string; path: string; status: number | null; body: string; ms: number; error?: string }[];
}

/** One callback the event loop ran, in execution order. */
export interface Task {
  id: number;
  queue: QueueName;
  /** short description: "setTimeout 10 ms", "resume main()", "fs callback" */
  label: string;
  /** where user code scheduled it */
  source: SourceSite | null;
  /** the task during which it was scheduled */
  scheduledBy: number | null;
  /** the step at which it entered its queue */
  enqueuedAt: number | null;
  /** true when the enqueue moment could not be observed (resolving with a thenable) and was inferred */
  enqueueInferred?: boolean;
  startStep: number;
  endStep: number;
  /** microseconds since the program started */
  startTime: number;
  duration: number;
  /** the coroutine this task resumed, when it is an await resumption */
  resumes?: number;
  /** async_hooks resource type behind it */
  resourceType: string;
  /** true when it ran no user code and was not scheduled by user code directly (Node's own work, e.g. the
   * steps inside fs.promises.readFile); viewers fold these by default */
  internal?: boolean;
  /** the thread (event loop) it ran on, an id in `threads`; absent in a trace of one thread (0) */
  thread?: number;
}

export interface Await {
  source: SourceSite;
  /** the task in which the coroutine suspended */
  suspendTask: number;
  /** the task in which it resumed; null if it never did */
  resumeTask: number | null;
  suspendStep: number;
  resumeStep: number | null;
}

/** One call of an async function or async generator (or an ES module using top-level await). */
export interface Coroutine {
  id: number;
  name: string;
  kind: 'async function' | 'async generator' | 'module';
  source: SourceSite;
  /** the task in which it was called */
  startTask: number;
  startStep: number;
  /** the step at which it returned or threw; null if it never finished */
  endStep: number | null;
  awaits: Await[];
  /** the thread it ran on; absent in a trace of one thread (0) */
  thread?: number;
}

export interface Output {
  stream: 'stdout' | 'stderr';
  text: string;
  /** the task during which it was written */
  task: number | null;
  step: number;
  /** the line that printed it, when known */
  source: SourceSite | null;
  truncated?: boolean;
  /** the thread that wrote it; absent in a trace of one thread (0) */
  thread?: number;
  /** written by a worker or a child process whose output did not reach the program's stdout or stderr (the program
   * read the worker's stream or the child's pipe itself, or the worker's last writes were never relayed): not part of
   * the program's output */
  piped?: true;
}

/** One event loop of the program: its main thread, a worker thread, or a child Node process (its main thread) it
 * started. */
export interface Thread {
  id: number;
  kind: 'main' | 'worker' | 'process';
  name: string;
  /** the thread that started it; null for the main thread */
  parent: number | null;
  /** absolute path of the file it runs; null for a worker made from code or a data: URL */
  entry: string | null;
  /** how it ended; absent while it still ran when the program ended (or was stopped) */
  exitCode?: number;
}

/** A message one thread sent another (worker.postMessage, parentPort.postMessage, MessagePort.postMessage,
 * process.send from a child to its parent, subprocess.send from a parent to its child). */
export interface Message {
  id: number;
  channel: string;
  from: { thread: number; task: number; step: number };
  /** the task in which the receiving side's listeners ran; null when it was never delivered */
  to: { thread: number; task: number | null; step: number | null };
  /** what was sent, by its shape only (never its content): a name of PAYLOAD_TYPES, and its size in that type's
   * unit (null when the type has none) */
  payload?: { type: string; size: number | null };
  /** where the program sent it (the postMessage or send call): index into `sites` */
  site?: number;
  /** it reached the receiving side (`to.task`) while no 'message' listener was there: Node dropped it */
  dropped?: true;
  /** the sender had 'message' listeners on the same channel as it sent: it listens for an answer */
  replyListener?: true;
}

/** An entry in one of the event loop's queues: enters when scheduled, leaves when it runs. */
export interface QueueItem {
  id: number;
  queue: QueueName;
  label: string;
  /** the task it became when it ran; null if it never ran */
  task: number | null;
  enterStep: number;
  /** the step at which it left the queue (its run step); null if it was still queued at the end */
  leaveStep: number | null;
  inferred?: boolean;
  /** its task is Node's own work (see Task.internal) */
  internal?: boolean;
  /** timers: due time in microseconds since start */
  due?: number;
  source: SourceSite | null;
}

export type StepKind = 'run' | 'call' | 'return' | 'await' | 'resume' | 'yield' | 'schedule' | 'settle' | 'cancel' | 'output' | 'end';

/** One step for a viewer: steps are in recording order and every view is driven by the current step. */
export interface Step {
  kind: StepKind;
  task: number;
  /** index into `sites`, or -1 */
  site: number;
  /** the coroutine concerned, or -1 */
  coroutine: number;
  /** what a person would say happened */
  text: string;
  /** call stack depth after this step (the stack itself is rebuilt from the task's call/resume steps) */
  depth: number;
  /** schedule, settle, cancel: the queue concerned */
  queue?: QueueName;
}

export interface Site extends SourceSite {
  kind: string;
  name?: string;
  /** an await right after another await it does not depend on: that one's site */
  after?: number;
}

export interface FindingSite extends SourceSite {
  /** what happened here (the roles of each kind: FINDING_KINDS in src/core/findings.ts) */
  role: FindingRole;
  /** the step of this moment (a quick action and a click go there) */
  step?: number;
}

export interface Finding {
  kind: FindingKind;
  message: string;
  location?: string;
  coroutines?: number[];
  /** the places involved, each with its role and, when known, the step at which it happened in this run */
  sites: FindingSite[];
  /** races: the steps of the read, the suspension, the other coroutine's write and the stale write */
  steps?: { read: number; suspend: number | null; otherWrite: number; staleWrite: number | null };
}

export interface Trace {
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_VERSION;
  program: ProgramInfo;
  tasks: Task[];
  coroutines: Coroutine[];
  output: Output[];
  queueItems: QueueItem[];
  steps: Step[];
  sites: Site[];
  /** names of the functions on the call stack are derived from steps; findings come from the analyses */
  findings: Finding[];
  /** the program's event loops: the main thread first, then its workers (exactly one in a program that starts none) */
  threads: Thread[];
  messages: Message[];
}

export class TraceFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceFormatError';
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Check that a parsed JSON value is a trace this version can read; say exactly what is wrong otherwise. */
export function validateTrace(value: unknown): Trace {
  const fail = (msg: string): never => {
    throw new TraceFormatError(msg);
  };
  if (!isObj(value)) return fail('not a Loopscope trace: the file does not hold a JSON object');
  if (value.format !== TRACE_FORMAT) return fail(`not a Loopscope trace: "format" is ${JSON.stringify(value.format)}, expected "${TRACE_FORMAT}"`);
  if (value.version !== TRACE_VERSION) return fail(`unsupported trace version ${JSON.stringify(value.version)}: this Loopscope reads version ${TRACE_VERSION}`);
  if (!isObj(value.program)) fail('"program" is missing or not an object');
  const program = value.program as Record<string, unknown>;
  if (typeof program.entry !== 'string') fail('"program.entry" must be a string');
  if (typeof program.node !== 'string') fail('"program.node" must be a string');
  for (const key of ['tasks', 'coroutines', 'output', 'queueItems', 'steps', 'sites', 'findings'] as const) {
    if (!Array.isArray(value[key])) fail(`"${key}" is missing or not an array`);
  }
  const tasks = value.tasks as unknown[];
  const steps = value.steps as unknown[];
  const sites = value.sites as unknown[];
  const checkSource = (where: string, s: unknown) => {
    if (s === null) return;
    if (!isObj(s) || typeof s.file !== 'string' || typeof s.line !== 'number' || typeof s.column !== 'number') {
      fail(`${where}.source must be null or {file, line, column}`);
    }
  };
  tasks.forEach((t, i) => {
    if (!isObj(t)) return fail(`tasks[${i}] is not an object`);
    if (t.id !== i) fail(`tasks[${i}].id is ${JSON.stringify(t.id)}, expected ${i} (tasks are stored in execution order)`);
    if (typeof t.queue !== 'string' || !QUEUES.includes(t.queue as QueueName)) fail(`tasks[${i}].queue ${JSON.stringify(t.queue)} is not one of ${QUEUES.join(', ')}`);
    if (t.scheduledBy !== null && (typeof t.scheduledBy !== 'number' || t.scheduledBy >= tasks.length)) fail(`tasks[${i}].scheduledBy does not name a task`);
    checkSource(`tasks[${i}]`, t.source);
  });
  (value.coroutines as unknown[]).forEach((c, i) => {
    if (!isObj(c) || typeof c.name !== 'string' || !Array.isArray(c.awaits)) return fail(`coroutines[${i}] must have a name and an awaits array`);
    checkSource(`coroutines[${i}]`, c.source);
    (c.awaits as unknown[]).forEach((a, j) => {
      if (!isObj(a) || typeof a.suspendTask !== 'number' || a.suspendTask >= tasks.length) fail(`coroutines[${i}].awaits[${j}].suspendTask does not name a task`);
    });
  });
  (value.output as unknown[]).forEach((o, i) => {
    if (!isObj(o) || (o.stream !== 'stdout' && o.stream !== 'stderr') || typeof o.text !== 'string') fail(`output[${i}] must have stream "stdout" or "stderr" and a text`);
  });
  // traces written before threads were recorded: one thread, no messages
  value.threads ??= [{ id: 0, kind: 'main', name: 'main', parent: null, entry: program.entry }];
  value.messages ??= [];
  if (!Array.isArray(value.threads) || !Array.isArray(value.messages)) fail('"threads" and "messages" must be arrays');
  steps.forEach((s, i) => {
    if (!isObj(s) || typeof s.kind !== 'string' || typeof s.task !== 'number' || s.task >= tasks.length) fail(`steps[${i}] must have a kind and a task that exists`);
    if (typeof (s as { site: unknown }).site !== 'number' || ((s as { site: number }).site >= sites.length)) fail(`steps[${i}].site does not name a site`);
  });
  return value as unknown as Trace;
}

/** Parse and validate trace JSON text, with a clear message for truncated or non-JSON files. */
export function parseTrace(text: string): Trace {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const hint = text.trim().length === 0 ? 'the file is empty' : `it is not valid JSON (${(err as Error).message}); was it cut short?`;
    throw new TraceFormatError(`not a readable trace: ${hint}`);
  }
  return validateTrace(value);
}
