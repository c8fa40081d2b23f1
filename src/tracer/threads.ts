// Several event loops (worker threads): which thread this is, the workers it starts, the messages it sends to and
// receives from them, and the output of its workers that Node relays through this thread's stdout and stderr.
//
// How each is seen, without a listener or a property the program could notice:
// - a new Worker: its constructor sends the worker its script over the worker's internal port (a `LOAD_SCRIPT`
//   message carrying `publicPort`, the worker's end of the public channel); the parent's end is the port made just
//   before that one. MessagePort.prototype.postMessage is wrapped to see it.
// - a message sent: the same wrapper, called with the parent's public port of a worker (worker.postMessage) or with
//   the worker's parentPort (parentPort.postMessage).
// - a message received: Node hands each message to a port's listeners through one internal function on
//   EventTarget.prototype (the symbol nodejs.internal.kHybridDispatch); its wrapper sees the port and the message
//   type, once per message, in the task in which the listeners run.
// - relayed output: a worker's writes come to its parent as `STDIO_PAYLOAD` messages on the internal port, and
//   Node's pipe writes each chunk to the parent's process.stdout / stderr. Those writes are the worker's output.
// Messages are matched by their order on each direction of a worker's public channel (a MessagePort delivers in
// order). MessageChannel ports, BroadcastChannel and receiveMessageOnPort are not recorded (docs/trace-format.md).
import workerThreads from 'node:worker_threads';
import { ReflectApply, SafeWeakMap } from './primordials';

/** setEnvironmentData keys: the tracer's configuration, and the thread id of a worker's parent */
export const CONFIG_KEY = 'loopscope:tracer-config';
const PARENT_KEY = 'loopscope:parent-thread';

/** channel codes of message events (RawKind.MessageOut / MessageIn, field c) */
export const enum Channel {
  /** worker.postMessage and parentPort.postMessage */
  WorkerPort = 1,
}

export interface ThreadSink {
  /** false while the tracer itself works */
  recording(): boolean;
  /** a worker was started: its thread id, the file it runs (null for code), its name */
  worker(thread: number, entry: string | null, name: string | null): void;
  /** a message sent to (or received from) another thread: the `seq`-th of that direction */
  sent(peer: number, seq: number, channel: Channel): void;
  received(peer: number, seq: number, channel: Channel): void;
}

export interface Threads {
  /** this thread's id (0 for the main thread) */
  id: number;
  /** the parent's thread id, or -1 on the main thread */
  parent: number;
  /** from the async_hooks init hook: every MESSAGEPORT as it is made, and each WORKER handle */
  portMade(resource: object): void;
  workerMade(handle: object): void;
  /** a write to stdout or stderr about to be captured: the thread whose output Node relays with it, or -1 */
  relayOf(stream: 'stdout' | 'stderr'): number;
}

type PortMessage = { type?: unknown; publicPort?: unknown; filename?: unknown; doEval?: unknown; stream?: unknown; chunks?: unknown };

export function watchThreads(sink: ThreadSink): Threads {
  const { threadId, parentPort, MessagePort, setEnvironmentData, getEnvironmentData } = workerThreads;
  const parent = workerThreads.isMainThread ? -1 : Number(getEnvironmentData(PARENT_KEY) ?? 0);
  // every worker this thread starts learns its parent from here
  setEnvironmentData(PARENT_KEY, threadId);

  /** the parent's end of each worker's public channel -> the worker's thread id */
  const publicPorts = new SafeWeakMap<object, number>();
  /** each worker's internal port (its stdio comes over it) -> the worker's thread id */
  const internalPorts = new SafeWeakMap<object, number>();
  const sentTo = new Map<number, number>();
  const receivedFrom = new Map<number, number>();
  const next = (counts: Map<number, number>, peer: number) => {
    const n = (counts.get(peer) ?? 0) + 1;
    counts.set(peer, n);
    return n;
  };
  // the last two ports made: the worker's end of a public channel is the last, the parent's end the one before
  let lastPort: object | null = null;
  let portBefore: object | null = null;
  /** relayed chunks not yet written, per stream: the thread of each, in order */
  const relayed: Record<'stdout' | 'stderr', number[]> = { stdout: [], stderr: [] };
  const relayHead: Record<'stdout' | 'stderr', number> = { stdout: 0, stderr: 0 };
  let workerHandle: { threadId?: unknown } | null = null;

  const proto = MessagePort.prototype as unknown as { postMessage: (...a: unknown[]) => unknown };
  const realPost = proto.postMessage;
  const postMessage = {
    postMessage(this: object, ...args: unknown[]) {
      try {
        if (workerHandle) noteNewWorker(this, args[0] as PortMessage);
        else if (sink.recording()) {
          const peer = this === parentPort ? parent : publicPorts.get(this);
          if (peer !== undefined) sink.sent(peer, next(sentTo, peer), Channel.WorkerPort);
        }
      } catch {
        /* never disturb the program */
      }
      return ReflectApply(realPost, this, args);
    },
  }.postMessage;
  Object.defineProperty(postMessage, 'length', { value: realPost.length });
  Object.defineProperty(proto, 'postMessage', { ...Object.getOwnPropertyDescriptor(proto, 'postMessage'), value: postMessage });

  /** the Worker constructor sends its script: `port` is the worker's internal port */
  function noteNewWorker(port: object, message: PortMessage): void {
    if (!message || typeof message !== 'object' || message.publicPort === undefined) return;
    if (message.publicPort !== lastPort || !portBefore) return void (workerHandle = null);
    const thread = Number(workerHandle?.threadId);
    workerHandle = null;
    if (!Number.isInteger(thread)) return;
    publicPorts.set(portBefore, thread);
    internalPorts.set(port, thread);
    const file = typeof message.filename === 'string' && !message.doEval ? message.filename : null;
    // a data: URL or code is no file; Node passes file: URLs of ES modules as they are
    const entry = file === null || file.startsWith('data:') ? null : file.startsWith('file:') ? decodeURIComponent(new URL(file).pathname) : file;
    sink.worker(thread, entry, null);
  }

  const dispatchKey = Symbol.for('nodejs.internal.kHybridDispatch');
  let holder = Object.getPrototypeOf(MessagePort.prototype) as Record<symbol, unknown> | null;
  while (holder && !Object.prototype.hasOwnProperty.call(holder, dispatchKey)) holder = Object.getPrototypeOf(holder) as Record<symbol, unknown> | null;
  const realDispatch = holder?.[dispatchKey];
  if (holder && typeof realDispatch === 'function') {
    const target = holder;
    Object.defineProperty(target, dispatchKey, {
      ...Object.getOwnPropertyDescriptor(target, dispatchKey),
      value: function (this: object, data: unknown, type: unknown) {
        try {
          if (type === 'message' || type === 'messageerror') {
            const peer = this === parentPort ? parent : publicPorts.get(this);
            if (peer !== undefined) sink.received(peer, next(receivedFrom, peer), Channel.WorkerPort);
            else {
              const from = internalPorts.get(this);
              const m = data as PortMessage | null;
              if (from !== undefined && m && (m.stream === 'stdout' || m.stream === 'stderr') && Array.isArray(m.chunks)) {
                for (let i = 0; i < m.chunks.length; i++) relayed[m.stream].push(from);
              }
            }
          }
        } catch {
          /* never disturb the program */
        }
        // eslint-disable-next-line prefer-rest-params
        return ReflectApply(realDispatch as (...a: unknown[]) => unknown, this, arguments as unknown as unknown[]);
      },
    });
  }

  return {
    id: threadId,
    parent,
    portMade(resource) {
      portBefore = lastPort;
      lastPort = resource;
    },
    relayOf(stream) {
      const queue = relayed[stream];
      if (relayHead[stream] >= queue.length) return -1;
      const thread = queue[relayHead[stream]++];
      if (relayHead[stream] === queue.length) {
        queue.length = 0;
        relayHead[stream] = 0;
      }
      return thread;
    },
    workerMade(handle) {
      workerHandle = handle as { threadId?: unknown };
    },
  };
}
