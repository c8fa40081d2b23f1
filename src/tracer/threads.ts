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
// - a MessageChannel's ports: `new MessageChannel()` (a Proxy of the class, the same one for globalThis and
//   node:worker_threads) names its two ends; a port handed to another thread (in a worker's workerData, or in a
//   message on a worker's channel) is found by walking the message on both sides in the same order, and the handoff
//   is recorded on both sides, so the model can follow each end to the thread that uses it.
// - receiveMessageOnPort: the export is wrapped; a message it returns is received in the task that called it.
// Messages are matched by their order on each direction of a channel (a MessagePort delivers in order).
// - a BroadcastChannel (a Proxy of the class, as MessageChannel's): each is numbered in its thread and noted with its
//   name and the number of broadcasts its process had sent when it was made; each broadcast sent takes the next
//   number of its process (a counter in a SharedArrayBuffer every thread of the process shares); a broadcast received
//   is seen on the channel's own port (its kHandle) by the same dispatch function. The model gives a channel's n-th
//   message the n-th broadcast on its name, after it was made, that it did not send itself.
// Ports handed over a MessageChannel port are not followed (docs/trace-format.md).
import workerThreads from 'node:worker_threads';
import { EventEmitter } from 'node:events';
import Module from 'node:module';
import { types } from 'node:util';
import { ReflectApply, SafeWeakMap } from './primordials';

/** setEnvironmentData keys: the tracer's configuration, and the thread id of a worker's parent */
export const CONFIG_KEY = 'loopscope:tracer-config';
const PARENT_KEY = 'loopscope:parent-thread';
/** the process's count of broadcasts sent (an Int32Array on a SharedArrayBuffer, shared by its threads) */
const BROADCASTS_KEY = 'loopscope:broadcasts';
/** the file a new worker runs ('' for code), set by its parent just before Node sends the worker its data */
export const ENTRY_KEY = 'loopscope:worker-entry';

/** channel codes of message events (RawKind.MessageOut / MessageIn, field c) */
export const enum Channel {
  /** worker.postMessage and parentPort.postMessage */
  WorkerPort = 1,
  /** a port of a MessageChannel (the event's thread field holds the thread's own id of that port) */
  Port = 2,
  /** a child process's IPC channel to its parent, seen in the child (the event names the parent's thread id) */
  Parent = 3,
  /** the IPC channel to a child process, seen in the parent (the event names the child's pid) */
  Child = 4,
  /** a BroadcastChannel (the event names the channel's id in its thread; sent: the broadcast's number in the process,
   * received: the channel's n-th message) */
  Broadcast = 5,
}

/** Where the messages between loops are recorded (by the threads' and the processes' watchers alike). */
export interface MessageSink {
  /** false while the tracer itself works */
  recording(): boolean;
  /** a message sent to another loop: the `seq`-th of that direction; `payload` is what was sent (only its shape is
   * recorded); `listening`: the sender has 'message' listeners on the same channel as it sends (it listens for an
   * answer) */
  sent(peer: number, seq: number, channel: Channel, payload: unknown, listening: boolean): void;
  /** the message just noted as sent was not: its post threw */
  unsent(peer: number, seq: number, channel: Channel): void;
  /** a message received from another loop: the `seq`-th of that direction; `heard`: a 'message' listener was there to
   * take it (Node hands a message to a Worker object, or to a started port, whether anyone listens or not) */
  received(peer: number, seq: number, channel: Channel, heard: boolean): void;
}

export interface ThreadSink extends MessageSink {
  /** a worker was started: its thread id, the file it runs (null for code), its name */
  worker(thread: number, entry: string | null, name: string | null): void;
  /** a MessageChannel was made: the ids of its two ends in this thread */
  channel(port1: number, port2: number): void;
  /** ports (their ids in this thread) sent to, or received from, another thread: in a message of a worker's channel
   * (`via` is the message's key: see Threads) or in a new worker's data (`start:<thread>`) */
  handoff(via: string, ports: number[], incoming: boolean): void;
  /** a BroadcastChannel was made: its id in this thread, its name, the broadcasts its process had sent until then */
  broadcastChannel(id: number, name: string, after: number): void;
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

const emitterListenerCount = EventEmitter.prototype.listenerCount as (this: object, event: string) => number;

/** How many listeners `target` (an EventEmitter, or a port: Node's event target with `listenerCount`) has for `event`:
 * counted with the methods as they were when the tracer started. */
export function listenersOf(target: object, event: string, portCount?: (this: object, event: string) => number): number {
  try {
    return target instanceof EventEmitter ? ReflectApply(emitterListenerCount, target, [event]) : portCount ? ReflectApply(portCount, target, [event]) : 1;
  } catch {
    return 1; // unknown: counted as heard
  }
}

type PortMessage = { type?: unknown; publicPort?: unknown; filename?: unknown; doEval?: unknown; stream?: unknown; chunks?: unknown };

/** `preload`: the flags that load the tracer (`--require <preload>`), given to a worker whose own execArgv the
 * program sets (Node then does not pass the process's flags on to it). `base`: the trace's id of this process's main
 * thread (0 in the program's own process; a child process's, see raw-events' PROCESS_THREADS), its worker threads'
 * ids follow from it; `mainParent`: the thread that started this process (-1: none). */
export function watchThreads(sink: ThreadSink, preload: readonly string[], base = 0, mainParent = -1): Threads {
  const { parentPort, MessagePort, setEnvironmentData, getEnvironmentData } = workerThreads;
  const threadId = base + workerThreads.threadId;
  const { isProxy } = types;
  const parent = workerThreads.isMainThread ? mainParent : Number(getEnvironmentData(PARENT_KEY) ?? base);
  // every worker this thread starts learns its parent from here
  setEnvironmentData(PARENT_KEY, threadId);

  /** the parent's end of each worker's public channel -> the worker's thread id */
  const publicPorts = new SafeWeakMap<object, number>();
  /** the parent's end of each worker's public channel -> the Worker object (its 'message' listeners are the program's;
   * the port's own listener is Node's, which emits each message on the Worker) */
  const workerOfPort = new SafeWeakMap<object, object>();
  const portListenerCount = (MessagePort.prototype as unknown as { listenerCount?: (this: object, event: string) => number }).listenerCount;
  /** the program's listeners for `type` messages arriving at this port */
  const listening = (port: object, type: string): boolean => listenersOf(workerOfPort.get(port) ?? port, type, portListenerCount) > 0;
  /** each worker's internal port (its stdio comes over it) -> the worker's thread id */
  const internalPorts = new SafeWeakMap<object, number>();
  const sentTo = new Map<number, number>();
  const receivedFrom = new Map<number, number>();
  /** the MessageChannel ports this thread knows (made here, or handed to it) -> their ids here */
  const portIds = new SafeWeakMap<object, number>();
  let portSeq = 0;
  const idOfPort = (port: object): number => {
    let id = portIds.get(port);
    if (id === undefined) portIds.set(port, (id = ++portSeq));
    return id;
  };
  /**
   * The ports in a message, in the order both sides walk it: plain objects and arrays, depth-first, their data
   * properties only (no getter or Proxy trap of the program runs), at most 1,000 values (a large message costs no more).
   */
  const portsIn = (data: unknown): object[] => {
    const found: object[] = [];
    let budget = 1000;
    const walk = (value: unknown, depth: number): void => {
      if (budget-- <= 0 || depth > 6 || typeof value !== 'object' || value === null || isProxy(value)) return;
      if (value instanceof MessagePort) return void found.push(value);
      const proto = Object.getPrototypeOf(value);
      if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return;
      for (const key of Object.keys(value)) {
        if (budget <= 0) return;
        const d = Object.getOwnPropertyDescriptor(value, key);
        if (d && 'value' in d) walk(d.value, depth + 1);
      }
    };
    walk(data, 0);
    return found;
  };
  const hasPort = (transfer: unknown): boolean => {
    const list = Array.isArray(transfer) ? transfer : (transfer as { transfer?: unknown } | null)?.transfer;
    return Array.isArray(list) && list.some((x) => x instanceof MessagePort);
  };
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
      // noted before it goes (the other side may act on it at once, even end this thread), taken back if it did not
      let noted: { counts: Map<number, number>; peer: number; seq: number; channel: Channel } | null = null;
      try {
        if (workerHandle) noteNewWorker(this, args[0] as PortMessage, args[1]);
        else if (sink.recording()) {
          const peer = this === parentPort ? parent : publicPorts.get(this);
          if (peer !== undefined) {
            const seq = next(sentTo, peer);
            noted = { counts: sentTo, peer, seq, channel: Channel.WorkerPort };
            sink.sent(peer, seq, Channel.WorkerPort, args[0], listening(this, 'message'));
            if (hasPort(args[1])) sink.handoff(`${threadId}>${peer}#${seq}`, portsIn(args[0]).map(idOfPort), false);
          } else {
            const id = portIds.get(this);
            if (id !== undefined) {
              const seq = next(sentOn, id);
              noted = { counts: sentOn, peer: id, seq, channel: Channel.Port };
              sink.sent(id, seq, Channel.Port, args[0], listening(this, 'message'));
            }
          }
        }
      } catch {
        /* never disturb the program */
      }
      try {
        return ReflectApply(realPost, this, args);
      } catch (err) {
        // a DataCloneError (a function, a symbol, a Proxy in the message): nothing went, and the next message of
        // this direction takes this one's number
        if (noted) {
          noted.counts.set(noted.peer, noted.seq - 1);
          sink.unsent(noted.peer, noted.seq, noted.channel);
        }
        throw err;
      }
    },
  }.postMessage;
  Object.defineProperty(postMessage, 'length', { value: realPost.length });
  Object.defineProperty(proto, 'postMessage', { ...Object.getOwnPropertyDescriptor(proto, 'postMessage'), value: postMessage });

  const sentOn = new Map<number, number>();
  const receivedOn = new Map<number, number>();

  /** the Worker constructor sends its script: `port` is the worker's internal port */
  function noteNewWorker(port: object, message: PortMessage & { workerData?: unknown }, transfer: unknown): void {
    if (!message || typeof message !== 'object' || message.publicPort === undefined) return;
    if (message.publicPort !== lastPort || !portBefore) return void (workerHandle = null);
    const thread = base + Number(workerHandle?.threadId);
    workerHandle = null;
    if (!Number.isInteger(thread)) return;
    publicPorts.set(portBefore, thread);
    internalPorts.set(port, thread);
    const file = typeof message.filename === 'string' && !message.doEval ? message.filename : null;
    // a data: URL or code is no file; Node passes file: URLs of ES modules as they are
    const entry = file === null || file.startsWith('data:') ? null : file.startsWith('file:') ? decodeURIComponent(new URL(file).pathname) : file;
    sink.worker(thread, entry, null);
    setEnvironmentData(ENTRY_KEY, entry ?? '');
    // the program's own transfer list follows Node's two ports
    if (Array.isArray(transfer) && transfer.length > 2) sink.handoff(`start:${thread}`, portsIn(message.workerData).map(idOfPort), false);
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
            if (peer !== undefined) {
              const seq = next(receivedFrom, peer);
              sink.received(peer, seq, Channel.WorkerPort, listening(this, type));
              const ports = portsIn(data);
              if (ports.length > 0) sink.handoff(`${peer}>${threadId}#${seq}`, ports.map(idOfPort), true);
            } else if (broadcastPorts.get(this) !== undefined) {
              const id = broadcastPorts.get(this)!;
              sink.received(id, next(broadcastsReceived, id), Channel.Broadcast, true);
            } else if (portIds.get(this) !== undefined) {
              const id = portIds.get(this)!;
              sink.received(id, next(receivedOn, id), Channel.Port, listening(this, type));
            } else {
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

  // new Worker(file, { execArgv }): the tracer's preload goes first (the worker takes it out of its process.execArgv)
  const RealWorker = workerThreads.Worker;
  (workerThreads as { Worker: unknown }).Worker = new Proxy(RealWorker, {
    construct(target, args, newTarget) {
      const options = args[1] as { execArgv?: unknown } | undefined;
      if (preload.length > 0 && options && typeof options === 'object' && Array.isArray(options.execArgv)) {
        args = [args[0], { ...options, execArgv: [...preload, ...(options.execArgv as unknown[])] }, ...args.slice(2)];
      }
      const worker = Reflect.construct(target, args, newTarget) as object;
      try {
        const key = Object.getOwnPropertySymbols(worker).find((k) => k.description === 'kPublicPort');
        const port = key && (worker as Record<symbol, unknown>)[key];
        if (typeof port === 'object' && port !== null) workerOfPort.set(port, worker);
      } catch {
        /* never disturb the program */
      }
      return worker;
    },
  });

  // MessageChannel: the same Proxy wherever the program finds the class
  const RealChannel = workerThreads.MessageChannel;
  const ChannelProxy = new Proxy(RealChannel, {
    construct(target, args, newTarget) {
      const channel = Reflect.construct(target, args, newTarget) as InstanceType<typeof RealChannel>;
      try {
        if (sink.recording()) sink.channel(idOfPort(channel.port1), idOfPort(channel.port2));
      } catch {
        /* never disturb the program */
      }
      return channel;
    },
  });
  (workerThreads as { MessageChannel: unknown }).MessageChannel = ChannelProxy;
  if ((globalThis as { MessageChannel?: unknown }).MessageChannel === RealChannel) (globalThis as { MessageChannel?: unknown }).MessageChannel = ChannelProxy;
  // BroadcastChannel: numbered as made (a Proxy of the class); what it sends through its prototype's postMessage,
  // what it receives on its own port (the dispatch above)
  const broadcastIds = new SafeWeakMap<object, number>();
  const broadcastPorts = new SafeWeakMap<object, number>();
  const broadcastsReceived = new Map<number, number>();
  let broadcastSeq = 0;
  let shared = getEnvironmentData(BROADCASTS_KEY) as Int32Array | undefined;
  if (!(shared instanceof Int32Array)) {
    shared = new Int32Array(new SharedArrayBuffer(4));
    setEnvironmentData(BROADCASTS_KEY, shared as unknown as Parameters<typeof setEnvironmentData>[1]);
  }
  const broadcasts = shared;
  const RealBroadcast = workerThreads.BroadcastChannel as unknown as (new (name: unknown) => object) | undefined;
  if (typeof RealBroadcast === 'function') {
    const BroadcastProxy = new Proxy(RealBroadcast, {
      construct(target, args, newTarget) {
        const channel = Reflect.construct(target, args, newTarget) as { name?: unknown };
        try {
          if (sink.recording()) {
            const id = ++broadcastSeq;
            broadcastIds.set(channel, id);
            const handleKey = Object.getOwnPropertySymbols(channel).find((k) => k.description === 'kHandle');
            const handle = handleKey && (channel as Record<symbol, unknown>)[handleKey];
            if (typeof handle === 'object' && handle !== null) broadcastPorts.set(handle, id);
            sink.broadcastChannel(id, String(channel.name), Atomics.load(broadcasts, 0));
          }
        } catch {
          /* never disturb the program */
        }
        return channel;
      },
    });
    const bproto = RealBroadcast.prototype as { postMessage: (...a: unknown[]) => unknown };
    const realBroadcastPost = bproto.postMessage;
    const broadcastPost = {
      postMessage(this: object, ...args: unknown[]) {
        const id = broadcastIds.get(this);
        // numbered before it goes: its receivers may run at once on other threads
        const n = id !== undefined && sink.recording() ? Atomics.add(broadcasts, 0, 1) + 1 : 0;
        const result = ReflectApply(realBroadcastPost, this, args);
        try {
          if (n > 0) sink.sent(id!, n, Channel.Broadcast, args[0], false);
        } catch {
          /* never disturb the program */
        }
        return result;
      },
    }.postMessage;
    Object.defineProperty(broadcastPost, 'length', { value: realBroadcastPost.length });
    Object.defineProperty(bproto, 'postMessage', { ...Object.getOwnPropertyDescriptor(bproto, 'postMessage'), value: broadcastPost });
    (workerThreads as { BroadcastChannel: unknown }).BroadcastChannel = BroadcastProxy;
    if ((globalThis as { BroadcastChannel?: unknown }).BroadcastChannel === RealBroadcast) (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = BroadcastProxy;
  }
  // receiveMessageOnPort: a message taken synchronously is received in the task that took it
  const realReceive = workerThreads.receiveMessageOnPort;
  const receiveMessageOnPort = {
    receiveMessageOnPort(this: unknown, port: unknown) {
      // eslint-disable-next-line prefer-rest-params
      const result = ReflectApply(realReceive, this, arguments as unknown as unknown[]) as unknown;
      try {
        const id = result !== undefined && typeof port === 'object' && port !== null ? portIds.get(port) : undefined;
        if (id !== undefined && sink.recording()) sink.received(id, next(receivedOn, id), Channel.Port, true);
      } catch {
        /* never disturb the program */
      }
      return result;
    },
  }.receiveMessageOnPort;
  Object.defineProperty(receiveMessageOnPort, 'length', { value: realReceive.length });
  (workerThreads as { receiveMessageOnPort: unknown }).receiveMessageOnPort = receiveMessageOnPort;
  (Module as unknown as { syncBuiltinESMExports?: () => void }).syncBuiltinESMExports?.();
  // a worker's own ports, handed to it in its workerData
  if (!workerThreads.isMainThread) {
    const ports = portsIn(workerThreads.workerData);
    if (ports.length > 0) sink.handoff(`start:${threadId}`, ports.map(idOfPort), true);
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
