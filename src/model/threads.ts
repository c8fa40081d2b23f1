// The last stage of the model for a program with several event loops: join threads. Each thread's recording (the
// main thread's and each worker's) went through the stages on its own; here they become one trace. Ids are shifted so
// every task, step, coroutine, queue item and site id stays unique (the main thread first, then the workers by thread
// id), times are put on the main thread's clock, the program's output is put back in the order it reached stdout and
// stderr (a worker's writes are relayed by its parent: the parent's recording says where each came), and each
// message sent is joined to the task that received it (the n-th message of a direction to the n-th received).
import { PAYLOAD_TYPES, PROCESS_THREADS, RawKind, readMessageOutC, type MetaRecord } from '../core/raw-events';
import type { Message, Output, Thread, Trace } from '../core/trace-format';
import { fileName } from '../core/paths';
import type { Decoded, OutputMeta } from './decode';
import type { ResourcesAndTasks } from './resources';
import type { Steps } from './steps';
import { orderStepsByMessages } from './step-order';

/** A message event of one thread's recording, with the task and step it happened in. */
export interface MessageEvent {
  out: boolean;
  peer: number;
  seq: number;
  channel: number;
  task: number;
  step: number;
  /** a message sent: its payload's shape */
  payload?: Message['payload'];
  /** sent: the sender listens for an answer on the channel; received: nobody listened (Node dropped it) */
  flag: boolean;
  /** sent: where user code sent it (a site of this thread's recording), or -1 */
  site: number;
}

/** One thread's part of the trace: its own trace and what the join needs from its recording. */
export interface ThreadPart {
  thread: number;
  trace: Trace;
  meta: MetaRecord[];
  messages: MessageEvent[];
  /** when each of its writes was made (by the output's meta index), in microseconds on its own clock */
  outputTimes: Map<number, number>;
}

export function outputTimes(d: Decoded): Map<number, number> {
  const ev = d.events;
  const times = new Map<number, number>();
  for (let i = 0; i < ev.count; i++) if (ev.kind(i) === RawKind.Output) times.set(ev.a(i), ev.time(i));
  return times;
}

export function messageEvents(d: Decoded, rt: ResourcesAndTasks, st: Steps): MessageEvent[] {
  const ev = d.events;
  const list: MessageEvent[] = [];
  for (let i = 0; i < ev.count; i++) {
    const kind = ev.kind(i);
    if (kind === RawKind.MessageUnsent) {
      // its post threw: the message noted just before was never sent
      const k = list.findLastIndex((m) => m.out && m.peer === ev.a(i) && m.seq === ev.b(i) && m.channel === ev.c(i));
      if (k >= 0) list.splice(k, 1);
      continue;
    }
    if (kind !== RawKind.MessageOut && kind !== RawKind.MessageIn) continue;
    const task = rt.eventTask[i];
    if (task < 0) continue;
    const out = kind === RawKind.MessageOut;
    const c = out ? readMessageOutC(ev.c(i)) : { channel: ev.c(i), listening: false, site: -1 };
    list.push({ out, peer: ev.a(i), seq: ev.b(i), channel: c.channel, task, step: st.stepAt(i), ...(out ? withPayload(payloadOf(ev.d(i), ev.e(i))) : {}), flag: out ? c.listening : ev.d(i) === 1, site: c.site });
  }
  return list;
}

const withPayload = (payload: Message['payload']) => (payload ? { payload } : {});

/** A MessageOut event's payload (d, e); none when unknown (code 0, as in a recording made before payloads were). */
function payloadOf(type: number, size: number): Message['payload'] {
  const t = type > 0 ? PAYLOAD_TYPES[type] : undefined;
  return t ? { type: t.name, size: t.unit && size >= 0 ? size : null } : undefined;
}

/** RawKind.MessageOut / MessageIn channel codes (src/tracer/threads.ts): a MessageChannel's port, a child process's
 * IPC channel seen in the child (the peer is its parent's thread), and seen in the parent (the peer is the child's pid) */
const PORT_CHANNEL = 2;
const TO_PARENT_CHANNEL = 3;
const TO_CHILD_CHANNEL = 4;
const BROADCAST_CHANNEL = 5;

/**
 * MessageChannel ports, each named "<thread>:<its id there>": the two ends of each channel, and where each end went
 * (a handoff recorded on the sending side and on the receiving side of the same message).
 */
function followPorts(parts: ThreadPart[]) {
  const sentAs = new Map<string, string[]>();
  const movedFrom = new Map<string, string>();
  const movedTo = new Map<string, string>();
  const ends = new Map<string, string>();
  for (const p of parts) {
    for (const m of p.meta) {
      if (m.t === 'handoff' && !m.incoming) sentAs.set(m.via, m.ports.map((id) => `${p.thread}:${id}`));
      if (m.t === 'channel') {
        const [a, b] = m.ports.map((id) => `${p.thread}:${id}`);
        ends.set(a, b).set(b, a);
      }
    }
  }
  for (const p of parts) {
    for (const m of p.meta) {
      if (m.t !== 'handoff' || !m.incoming) continue;
      const out = sentAs.get(m.via);
      m.ports.forEach((id, i) => {
        if (!out?.[i]) return;
        movedFrom.set(`${p.thread}:${id}`, out[i]);
        movedTo.set(out[i], `${p.thread}:${id}`);
      });
    }
  }
  const follow = (key: string, links: Map<string, string>) => {
    for (let n = 0; links.has(key) && n < 1000; n++) key = links.get(key)!;
    return key;
  };
  return {
    /** the port as it was made (in the thread that made its channel) */
    origin: (key: string) => follow(key, movedFrom),
    /** the other end of its channel (as made), or the port itself when its channel is unknown */
    partner: (key: string) => ends.get(key) ?? key,
    /** the thread that holds the port in the end */
    threadOf: (key: string) => Number(follow(key, movedTo).split(':')[0]),
  };
}

/**
 * BroadcastChannel messages: one per broadcast and channel that received it (a broadcast reaches every other channel
 * of its name in the process), or one with no receiver. A channel's n-th message is the n-th broadcast on its name
 * that was sent after the channel was made, by another channel, in the order the process numbered them.
 */
function broadcasts(parts: ThreadPart[], shift: Map<number, { task: number; step: number; site: number }>): Message[] {
  type Post = { key: string; n: number; from: Message['from']; payload: Message['payload']; site: number };
  const channels = new Map<string, { name: string; after: number; thread: number; process: number }>();
  const posts = new Map<string, Post[]>();
  const processOf = (thread: number) => Math.floor(thread / PROCESS_THREADS);
  for (const p of parts) {
    for (const m of p.meta) {
      if (m.t === 'broadcast') channels.set(`${p.thread}:${m.id}`, { name: m.name, after: m.after, thread: p.thread, process: processOf(p.thread) });
    }
  }
  for (const p of parts) {
    const at = shift.get(p.thread)!;
    for (const m of p.messages) {
      const key = `${p.thread}:${m.peer}`;
      const channel = channels.get(key);
      if (!m.out || m.channel !== BROADCAST_CHANNEL || !channel) continue;
      const on = `${channel.process}:${channel.name}`;
      if (!posts.has(on)) posts.set(on, []);
      posts.get(on)!.push({ key, n: m.seq, from: { thread: p.thread, task: m.task + at.task, step: m.step + at.step }, payload: m.payload, site: m.site >= 0 ? m.site + at.site : -1 });
    }
  }
  for (const list of posts.values()) list.sort((a, b) => a.n - b.n);
  const delivered = new Set<Post>();
  const messages: Message[] = [];
  for (const p of parts) {
    const at = shift.get(p.thread)!;
    for (const m of p.messages) {
      const key = `${p.thread}:${m.peer}`;
      const channel = channels.get(key);
      if (m.out || m.channel !== BROADCAST_CHANNEL || !channel) continue;
      const heard = (posts.get(`${channel.process}:${channel.name}`) ?? []).filter((x) => x.n > channel.after && x.key !== key);
      const post = heard[m.seq - 1];
      if (!post) continue;
      delivered.add(post);
      messages.push({ id: 0, channel: 'BroadcastChannel.postMessage', from: { ...post.from }, to: { thread: p.thread, task: m.task + at.task, step: m.step + at.step }, ...sentAt(post.site), ...withPayload(post.payload) });
    }
  }
  for (const list of posts.values()) {
    for (const post of list) if (!delivered.has(post)) messages.push({ id: 0, channel: 'BroadcastChannel.postMessage', from: post.from, to: { thread: post.from.thread, task: null, step: null }, ...sentAt(post.site), ...withPayload(post.payload) });
  }
  return messages;
}

/** A message's `site`, when known. */
const sentAt = (site: number): { site?: number } => (site >= 0 ? { site } : {});

/** The thread list of a program that started no other loop. */
export function mainThreadOnly(entry: string, exitCode: number | null): Thread[] {
  return [{ id: 0, kind: 'main', name: 'main', parent: null, entry, ...(exitCode !== null ? { exitCode } : {}) }];
}

/** the name of each channel's messages (a worker's channel: worker.postMessage or parentPort.postMessage by direction) */
const CHANNEL_NAMES: Record<number, string> = {
  [PORT_CHANNEL]: 'MessagePort.postMessage',
  [TO_PARENT_CHANNEL]: 'process.send',
  [TO_CHILD_CHANNEL]: 'subprocess.send',
  [BROADCAST_CHANNEL]: 'BroadcastChannel.postMessage',
};

export function joinThreads(parts: ThreadPart[]): Trace {
  const main = parts[0];
  const byThread = new Map(parts.map((p) => [p.thread, p]));
  const start = (p: ThreadPart) => p.meta.find((m): m is Extract<MetaRecord, { t: 'start' }> => m.t === 'start');
  const mainOrigin = start(main)?.timeOrigin;

  // ---- threads: the main one, every worker some thread started, every child process ------------------------------
  const threads: Thread[] = mainThreadOnly(main.trace.program.entry, main.trace.program.exitCode);
  /** a child process's pid -> its main thread (the parent names a child by its pid) */
  const processOfPid = new Map<number, number>();
  for (const p of parts) {
    const s = start(p);
    if (!s?.process) continue;
    processOfPid.set(s.pid, p.thread);
    const exit = p.meta.find((x) => x.t === 'exit') as Extract<MetaRecord, { t: 'exit' }> | undefined;
    threads.push({
      id: p.thread,
      kind: 'process',
      // (Node running code from its command line, -e or -p, has no file)
      name: `process ${Math.floor(p.thread / PROCESS_THREADS)}${s.entry ? ` (${fileName(s.entry)})` : ''}`,
      parent: s.parent ?? 0,
      entry: s.entry || null,
      ...(exit ? { exitCode: exit.code } : {}),
    });
  }
  for (const p of parts) {
    for (const m of p.meta) {
      if (m.t !== 'worker') continue;
      const own = byThread.get(m.thread);
      const exit = own?.meta.find((x) => x.t === 'exit') as Extract<MetaRecord, { t: 'exit' }> | undefined;
      threads.push({
        id: m.thread,
        kind: 'worker',
        name: m.name ?? `worker ${m.thread}${m.entry ? ` (${fileName(m.entry)})` : ''}`,
        parent: p.thread,
        entry: m.entry,
        ...(exit ? { exitCode: exit.code } : {}),
      });
    }
  }
  threads.sort((a, b) => a.id - b.id);

  // ---- one trace: each part's ids shifted past the parts before it ------------------------------------------------
  const trace: Trace = { ...main.trace, tasks: [], coroutines: [], output: [], queueItems: [], steps: [], sites: [], findings: [], threads, messages: [] };
  const shift = new Map<number, { task: number; step: number; coroutine: number; site: number; micros: number }>();
  const ownOutputs = new Map<number, Output[]>();
  let events = 0;
  for (const p of parts) {
    const t = p.trace;
    const origin = start(p)?.timeOrigin;
    const micros = mainOrigin !== undefined && origin !== undefined ? Math.round((origin - mainOrigin) * 1000) : 0;
    const at = { task: trace.tasks.length, step: trace.steps.length, coroutine: trace.coroutines.length, site: trace.sites.length, queueItem: trace.queueItems.length, micros };
    shift.set(p.thread, at);
    const task = (x: number) => x + at.task;
    const step = (x: number) => x + at.step;
    const maybe = <T extends number | null | undefined>(x: T, f: (n: number) => number): T => (typeof x === 'number' ? f(x) : x) as T;
    const thread = p.thread;
    for (const x of t.tasks) {
      trace.tasks.push({
        ...x,
        id: task(x.id),
        scheduledBy: maybe(x.scheduledBy, task),
        enqueuedAt: maybe(x.enqueuedAt, step),
        startStep: step(x.startStep),
        endStep: step(x.endStep),
        startTime: x.startTime + micros,
        ...(x.resumes !== undefined ? { resumes: x.resumes + at.coroutine } : {}),
        thread,
      });
    }
    for (const c of t.coroutines) {
      trace.coroutines.push({
        ...c,
        id: c.id + at.coroutine,
        startTask: task(c.startTask),
        startStep: step(c.startStep),
        endStep: maybe(c.endStep, step),
        awaits: c.awaits.map((a) => ({ ...a, suspendTask: task(a.suspendTask), resumeTask: maybe(a.resumeTask, task), suspendStep: step(a.suspendStep), resumeStep: maybe(a.resumeStep, step) })),
        thread,
      });
    }
    for (const q of t.queueItems) {
      trace.queueItems.push({ ...q, id: q.id + at.queueItem, task: maybe(q.task, task), enterStep: step(q.enterStep), leaveStep: maybe(q.leaveStep, step), ...(q.due !== undefined ? { due: q.due + micros } : {}) });
    }
    for (const s of t.steps) trace.steps.push({ ...s, task: task(s.task), site: s.site >= 0 ? s.site + at.site : s.site, coroutine: s.coroutine >= 0 ? s.coroutine + at.coroutine : s.coroutine });
    for (const s of t.sites) trace.sites.push(s.after !== undefined ? { ...s, after: s.after + at.site } : s);
    for (const f of t.findings) {
      trace.findings.push({
        ...f,
        ...(f.coroutines ? { coroutines: f.coroutines.map((c) => c + at.coroutine) } : {}),
        sites: f.sites.map((s) => (s.step !== undefined ? { ...s, step: step(s.step) } : s)),
        ...(f.steps
          ? { steps: { read: step(f.steps.read), suspend: maybe(f.steps.suspend, step), otherWrite: step(f.steps.otherWrite), staleWrite: maybe(f.steps.staleWrite, step) } }
          : {}),
      });
    }
    ownOutputs.set(
      thread,
      t.output.map((o) => ({ ...o, task: maybe(o.task, task), step: step(o.step), thread })),
    );
    events += t.program.events;
  }
  trace.program = { ...main.trace.program, events };

  // ---- output in the order it reached stdout and stderr -------------------------------------------------------------
  // each thread's writes in the order it made them: its own (its trace's output, in order) and the relayed ones
  const writes = new Map<number, OutputMeta[]>();
  for (const p of parts) writes.set(p.thread, p.meta.filter((m): m is OutputMeta => m.t === 'output').sort((a, b) => a.index - b.index));
  const nextWrite = new Map<number, number>();
  const nextOwn = new Map<number, number>();
  /** the next write that thread made, followed through relays to the thread that wrote it, and when (main's clock) */
  const take = (thread: number): { output: Output; time: number } | null => {
    const list = writes.get(thread);
    const i = nextWrite.get(thread) ?? 0;
    if (!list || i >= list.length) return null;
    nextWrite.set(thread, i + 1);
    const w = list[i];
    if (w.relay !== undefined) return take(w.relay);
    const own = nextOwn.get(thread) ?? 0;
    nextOwn.set(thread, own + 1);
    const time = (byThread.get(thread)?.outputTimes.get(w.index) ?? -1) + (shift.get(thread)?.micros ?? 0);
    // a write whose event was lost (the worker was terminated before it wrote its recording): its text is known
    const lastStep = (shift.get(thread)?.step ?? 0) + Math.max(0, (byThread.get(thread)?.trace.steps.length ?? 1) - 1);
    return { output: ownOutputs.get(thread)?.[own] ?? { stream: w.stream, text: w.text, task: null, step: lastStep, source: null, thread }, time };
  };
  /** everything a process wrote (its main thread's writes, its workers' through them), in order, with when */
  const processWrites = (thread: number) => {
    const list: { output: Output; time: number }[] = [];
    for (let last = -Infinity; ; ) {
      const o = take(thread);
      if (o === null && (nextWrite.get(thread) ?? 0) >= (writes.get(thread)?.length ?? 0)) break;
      if (o) list.push({ ...o, time: (last = Math.max(last, o.time)) });
    }
    return list;
  };
  // The program's own process, then each child process whose stdout or stderr is the program's: written to the same
  // file, interleaved by when each write was made (one clock for every process on the machine)
  const streams = [processWrites(main.thread)];
  const pipedOutput: Output[] = [];
  for (const p of parts) {
    const piped = start(p)?.process?.piped;
    if (!piped) continue;
    const list = processWrites(p.thread);
    streams.push(list.filter((w) => !piped[w.output.stream]));
    for (const w of list) if (piped[w.output.stream]) pipedOutput.push({ ...w.output, piped: true });
  }
  const heads = streams.map(() => 0);
  for (;;) {
    let best = -1;
    for (let k = 0; k < streams.length; k++) {
      if (heads[k] < streams[k].length && (best < 0 || streams[k][heads[k]].time < streams[best][heads[best]].time)) best = k;
    }
    if (best < 0) break;
    trace.output.push(streams[best][heads[best]++].output);
  }
  trace.output.push(...pipedOutput);
  // what a worker wrote that never reached its process's stdout or stderr
  for (const p of parts.slice(1)) {
    const own = ownOutputs.get(p.thread) ?? [];
    for (let i = nextOwn.get(p.thread) ?? 0; i < own.length; i++) trace.output.push({ ...own[i], piped: true });
  }

  // ---- messages: the n-th sent on a direction is the n-th received on it ------------------------------------------
  const ports = followPorts(parts);
  /** a message's direction: on a worker's channel from one thread to the other, on a MessageChannel to one end */
  /** the thread on the other side: a child process is named by its pid */
  const peerOf = (m: MessageEvent) => (m.channel === TO_CHILD_CHANNEL ? (processOfPid.get(m.peer) ?? -1) : m.peer);
  const direction = (m: MessageEvent, thread: number): string =>
    m.channel === PORT_CHANNEL
      ? `port:${m.out ? ports.partner(ports.origin(`${thread}:${m.peer}`)) : ports.origin(`${thread}:${m.peer}`)}`
      : `${m.channel === TO_PARENT_CHANNEL || m.channel === TO_CHILD_CHANNEL ? 'ipc:' : ''}${m.out ? `${thread}>${peerOf(m)}` : `${peerOf(m)}>${thread}`}`;
  const received = new Map<string, { to: Message['to']; dropped: boolean }>();
  for (const p of parts) {
    const at = shift.get(p.thread)!;
    for (const m of p.messages) {
      if (!m.out && m.channel !== BROADCAST_CHANNEL) received.set(`${direction(m, p.thread)}#${m.seq}`, { to: { thread: p.thread, task: m.task + at.task, step: m.step + at.step }, dropped: m.flag });
    }
  }
  const sent: Message[] = [];
  for (const p of parts) {
    const at = shift.get(p.thread)!;
    for (const m of p.messages) {
      if (!m.out || m.channel === BROADCAST_CHANNEL) continue;
      const got = received.get(`${direction(m, p.thread)}#${m.seq}`);
      const toParent = threads.find((x) => x.id === p.thread)?.parent === m.peer;
      const port = m.channel === PORT_CHANNEL;
      sent.push({
        id: 0,
        channel: CHANNEL_NAMES[m.channel] ?? (toParent ? 'parentPort.postMessage' : 'worker.postMessage'),
        from: { thread: p.thread, task: m.task + at.task, step: m.step + at.step },
        to: got?.to ?? { thread: port ? ports.threadOf(ports.partner(ports.origin(`${p.thread}:${m.peer}`))) : peerOf(m), task: null, step: null },
        ...sentAt(m.site >= 0 ? m.site + at.site : -1),
        ...(got?.dropped ? { dropped: true as const } : {}),
        ...(m.flag ? { replyListener: true as const } : {}),
        // (last: the binary form keeps it with the row's other fields, after its columns)
        ...withPayload(m.payload),
      });
    }
  }
  sent.push(...broadcasts(parts, shift));
  trace.messages = sent;
  orderStepsByMessages(trace);
  // in the order they were sent (by the steps, which follow the messages)
  trace.messages = sent.sort((a, b) => a.from.step - b.from.step).map((m, id) => ({ ...m, id }));
  return trace;
}
