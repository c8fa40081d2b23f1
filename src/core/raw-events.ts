// The raw recording written by the tracer inside the user's process and read by the model: one vocabulary for both.
//
// events.bin is a flat little-endian Int32 stream, RECORD_INTS ints per event:
//   [kind, a, b, c, d, e, timeMicros, 0]
// meta.ndjson holds everything that is not a fixed-size number: files, sites, resource type names, output text,
// why the program stopped. Output events in events.bin point at their meta record by index, which keeps emission
// order exact without timestamps.
import type { ProgramInfo, StopReason } from './trace-format';

export const RECORD_INTS = 8;
export const RECORD_BYTES = RECORD_INTS * 4;

export const enum RawKind {
  /** a=asyncId b=triggerAsyncId c=typeCode d=executionAsyncId e=timer delay ms (or -1) */
  Init = 1,
  /** a=asyncId (a callback of this resource starts) */
  Before = 2,
  /** a=asyncId */
  After = 3,
  /** a=asyncId (a promise settled) */
  Resolve = 4,
  /** a=frameId b=siteId: a user function (or module body) starts */
  Enter = 5,
  /** a=frameId */
  Exit = 6,
  /** a=frameId b=siteId: await reached; the coroutine suspends */
  Await = 7,
  /** a=frameId b=siteId: yield reached; the generator suspends */
  Yield = 8,
  /** a=frameId: the generator resumed after a yield */
  YieldResume = 9,
  /** a=outputIndex into meta "output" records, b=siteId of the printing line or -1 */
  Output = 10,
  /** a=asyncId b=siteId (or -1) c=Node API frames between the hook and that user frame (0 = user code created it
   * directly; -2 = the stack was not looked at, so the origin is unknown and counts as the user's) */
  ScheduledAt = 11,
  /** a=asyncId: the handle was asked to close; its next callback runs in the close phase */
  Closing = 12,
  /** a=asyncId: clearTimeout / clearInterval / clearImmediate */
  Cancel = 13,
  /** a=frameId: for-await loop body starts (the implicit await resumed) */
  LoopResume = 14,
  /** a=asyncId b=typeCode: user code started running inside a resource callback the tracer did not record */
  LateBefore = 15,
  /** a=frameId b=siteId c=location (object id, or -1-variableSiteId) d=key id e=0 read / 1 write: shared state */
  Access = 16,
  /** a=promise asyncId (-1 unknown) b=index of the meta "unhandled" record: Node announced an unhandled rejection */
  Unhandled = 17,
  /** a=the other thread's id (channel 1, a worker's port; channel 3, a child process's IPC channel to its parent), the
   * port's id in this thread (channel 2, a MessageChannel's port) or the child's pid (channel 4, the IPC channel to a
   * child process) b=sequence number of this direction (1, 2, ...) c=channel: a message sent. Channel 5, a
   * BroadcastChannel: a=the channel's id in this thread, b=the broadcast's number in its process (1, 2, ...).
   * d=the payload's type (its index in PAYLOAD_TYPES) e=its size in that type's unit (-1: none). c packs, above the
   * channel, whether the sender listens for an answer and where user code sent it: see messageOutC */
  MessageOut = 18,
  /** a=the sending thread's id (channel 1, 3), the receiving port's or BroadcastChannel's id here (channel 2, 5) or
   * the sending child's pid (channel 4) b=sequence number c=channel: a message received; its listeners run in this
   * task (or receiveMessageOnPort took it in this task). d=1: no 'message' listener was there to take it (Node dropped it) */
  MessageIn = 19,
  /** a, b, c as the MessageOut just recorded: its post threw (a value that cannot be cloned), nothing was sent */
  MessageUnsent = 20,
}

/**
 * MessageOut's c field: the channel (bits 0-3); bit 4 set when the sender had 'message' listeners on the same channel
 * as it sent (it listens for an answer); above that, 1 + the siteId of the user frame that sent it (0: unknown). A
 * recording made before these were holds the channel alone.
 */
export function messageOutC(channel: number, listening: boolean, site: number): number {
  const at = site >= 0 && site < 1 << 25 ? site + 1 : 0;
  return channel | (listening ? 0x10 : 0) | (at << 5);
}
export function readMessageOutC(c: number): { channel: number; listening: boolean; site: number } {
  return { channel: c & 0xf, listening: (c & 0x10) !== 0, site: (c >>> 5) - 1 };
}

/** Lines of meta.ndjson, discriminated by `t`. */
export type MetaRecord =
  | {
      t: 'start';
      node: string;
      entry: string;
      pid: number;
      argv: string[];
      cwd: string;
      startedAt: number;
      /** the thread recorded (0: the main thread), its parent thread, and when its recording's time 0 is (ms, the
       * same clock in every thread of the process: performance.timeOrigin + now) */
      thread?: number;
      parent?: number;
      timeOrigin?: number;
      /** the main thread of a child process the program started: whether its stdout and stderr reach the program's,
       * whether it was started detached */
      process?: { piped: { stdout: boolean; stderr: boolean }; detached?: true };
    }
  | { t: 'type'; code: number; name: string }
  | { t: 'sites'; base: number; file: string; sites: RawSite[] }
  | { t: 'site'; id: number; file: string; line: number; column: number }
  /** with `relay`: a write Node made for a worker (that thread id) of this thread; its text is in the worker's recording */
  | { t: 'output'; index: number; stream: 'stdout' | 'stderr'; text: string; truncated?: boolean; relay?: number }
  /** this thread started a worker: its thread id, the file it runs (null for code or a data: URL) */
  | { t: 'worker'; thread: number; entry: string | null; name: string | null }
  /** a MessageChannel was made here: its two ports (their ids in this thread) */
  | { t: 'channel'; ports: [number, number] }
  /** ports (their ids in this thread) handed to another thread, or (`incoming`) from one: in the message `via`
   * ("<from>><to>#<seq>" on a worker's channel) or in a new worker's data ("start:<thread>") */
  | { t: 'handoff'; via: string; ports: number[]; incoming?: true }
  /** a BroadcastChannel made here: its id in this thread, its name, how many broadcasts its process had sent then */
  | { t: 'broadcast'; id: number; name: string; after: number }
  | { t: 'error'; origin: string; name: string; message: string; file?: string; line?: number; column?: number; stack?: string }
  | { t: 'stop'; reason: string; detail?: string; activeResources?: string[] }
  | { t: 'exit'; code: number }
  | { t: 'listening'; port: number; address: string }
  /** an unhandled rejection Node announced (process 'unhandledRejection'): the reason, where it was thrown, and
   * whether the program listens for them itself */
  | { t: 'unhandled'; index: number; name: string; message: string; file?: string; line?: number; column?: number; listened?: boolean };

/** A place in the user's source: functions, awaits, yields, module bodies, call sites from stacks. */
export interface RawSite {
  kind: SiteKind;
  name?: string;
  /** 1-based line and column in the original file (the .ts, not generated code) */
  line: number;
  column: number;
  async?: boolean;
  generator?: boolean;
  /** an await whose statement directly follows another await statement it does not depend on: how many sites back */
  seqPrevOffset?: number;
  /** a read or write of a variable: the index (in the same file) of the variable's own site */
  v?: number;
}

export type SiteKind = 'function' | 'module' | 'await' | 'yield' | 'for-await' | 'call' | 'read' | 'kept' | 'check' | 'write' | 'var';

/** The files the tracer leaves in its trace directory. */
/**
 * The shapes of a message's payload, as the tracer tells them without reading the payload's content (no getter, no
 * Proxy trap runs), and the unit of each one's size. The index is the code in a MessageOut event.
 */
export const PAYLOAD_TYPES: readonly { name: string; unit: string | null }[] = [
  { name: 'unknown', unit: null },
  { name: 'undefined', unit: null },
  { name: 'null', unit: null },
  { name: 'boolean', unit: null },
  { name: 'number', unit: null },
  { name: 'bigint', unit: null },
  { name: 'string', unit: 'characters' },
  { name: 'array', unit: 'items' },
  { name: 'object', unit: 'keys' },
  { name: 'ArrayBuffer', unit: 'bytes' },
  { name: 'SharedArrayBuffer', unit: 'bytes' },
  { name: 'typed array', unit: 'bytes' },
  { name: 'DataView', unit: 'bytes' },
  { name: 'Map', unit: 'entries' },
  { name: 'Set', unit: 'entries' },
  { name: 'Date', unit: null },
  { name: 'RegExp', unit: null },
  { name: 'Error', unit: null },
  { name: 'MessagePort', unit: null },
  { name: 'other', unit: null },
];
export const payloadType = (name: string): number => PAYLOAD_TYPES.findIndex((t) => t.name === name);

/** "an object with 3 keys", "a string of 12 characters", "a SharedArrayBuffer of 1024 bytes", "a number". */
export function describePayload(p: { type: string; size: number | null }): string {
  const article = /^[aeiouAEIOU]/.test(p.type) ? 'an' : 'a';
  const unit = PAYLOAD_TYPES.find((t) => t.name === p.type)?.unit;
  const what = p.type === 'undefined' || p.type === 'null' ? p.type : `${article} ${p.type}`;
  if (!unit || p.size === null) return what;
  const units = p.size === 1 ? unit.replace(/(ies|s)$/, (m) => (m === 'ies' ? 'y' : '')) : unit;
  return `${what} ${p.type === 'object' ? 'with' : 'of'} ${p.size} ${units}`;
}

export const EVENTS_FILE = 'events.bin';
export const META_FILE = 'meta.ndjson';
/** a worker thread's recording: events-<threadId>.bin and meta-<threadId>.ndjson */
export const threadFiles = (thread: number): { events: string; meta: string } =>
  thread === 0 ? { events: EVENTS_FILE, meta: META_FILE } : { events: `events-${thread}.bin`, meta: `meta-${thread}.ndjson` };
export const THREAD_META_FILE = /^meta-(\d+)\.ndjson$/;
/** a child process's threads are numbered from n * PROCESS_THREADS (its main thread) for the n-th child process of the
 * program (n >= 1, in the order they started), its worker threads by their thread id from there */
export const PROCESS_THREADS = 1000;

/** Exit codes that mean "stopped at a limit" (documented in docs/trace-format.md and the CLI help). */
export const EXIT_TIMEOUT = 124;
export const EXIT_MAX_EVENTS = 125;

/** One traced run as the runner hands it to the model (src/model): the recording plus what the runner saw. */
export interface RawRun {
  events: Int32Array;
  meta: MetaRecord[];
  entry: string;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  /** the recordings of the program's worker threads, by thread id (none when it started no worker) */
  threads?: { thread: number; events: Int32Array; meta: MetaRecord[] }[];
  /** set by the runner when it had to stop the program itself */
  stopped?: StopReason;
  stopDetail?: string;
  /** a server traced under load: the requests the runner sent and what came back (the model names lanes after them) */
  requests?: ProgramInfo['requests'];
}
