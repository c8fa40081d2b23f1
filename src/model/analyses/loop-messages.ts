// Findings across loops (issue 10): messages posted where nobody listened, and loops that never answered. They read
// the joined trace (its threads and messages), after the join stage: one loop's recording cannot tell.
//
// A message is unheard when it reached the receiving side with no 'message' listener there (the recorder counts the
// listeners as Node hands it over: a Worker object and an IPC channel get every message, listened for or not), or
// when it was never taken off a port that only a listener starts (a worker's parentPort, a MessageChannel's port)
// and the loop holding that port ended on its own with it still queued. A loop never answered when another sent it
// messages while listening on the same channel for an answer, it received them, and it sent nothing back.
// Messages waited for a busy loop when they reached it while one synchronous task of it ran long (a computation,
// Atomics.wait, a synchronous call), so its listeners could run only after: the loops' clocks are joined by their
// start times, and a message counts only when the task that sent it had ended well before the busy task did.
import type { Finding, Message, Trace } from '../../core/trace-format';
import { findingSite, type AnalysisOptions } from './input';
import { lowerBound } from '../../core/stepping';

type LoopsTrace = Omit<Trace, 'findings'>;

/** the channels whose receiving port is started only by a listener (or start()): undelivered means unheard */
const STARTED_BY_LISTENER = new Set(['worker.postMessage', 'MessagePort.postMessage']);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const threadName = (trace: LoopsTrace, id: number) => trace.threads.find((t) => t.id === id)?.name ?? `thread ${id}`;
/** where the program sent it, as a finding site */
const sentHere = (trace: LoopsTrace, m: Message, role: 'posted' | 'asked' | 'waiting-message') => findingSite(m.site !== undefined ? trace.sites[m.site] : null, role, m.from.step);

/** Groups messages by where they were sent and where they went (one finding each), in the order they were sent. */
function groupBySendSite(list: Message[]): Message[][] {
  const groups = new Map<string, Message[]>();
  for (const m of list) {
    const key = `${m.site ?? `${m.from.thread}:${m.channel}`}>${m.to.thread}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(m);
  }
  return [...groups.values()];
}

export function unheardMessages(trace: LoopsTrace): Finding[] {
  const ended = new Set(trace.threads.filter((t) => t.exitCode !== undefined).map((t) => t.id));
  const dropped = trace.messages.filter((m) => m.dropped);
  const queued = trace.messages.filter((m) => m.to.task === null && STARTED_BY_LISTENER.has(m.channel) && ended.has(m.to.thread));
  const findings: Finding[] = [];
  for (const group of groupBySendSite(dropped)) {
    const [m] = group;
    findings.push({
      kind: 'unheard-message',
      message: `${plural(group.length, 'message')} (${m.channel}) reached ${threadName(trace, m.to.thread)} while nothing listened for 'message' there: Node dropped ${group.length === 1 ? 'it' : 'them'}. Add the listener before the first message can arrive, or do not send what nobody reads.`,
      sites: sentHere(trace, m, 'posted'),
    });
  }
  for (const group of groupBySendSite(queued)) {
    const [m] = group;
    const port = m.channel === 'worker.postMessage' ? 'its parentPort' : 'the port it was posted to';
    findings.push({
      kind: 'unheard-message',
      message: `${plural(group.length, 'message')} (${m.channel}) never reached a listener: ${threadName(trace, m.to.thread)} ended with ${group.length === 1 ? 'it' : 'them'} still queued on ${port}, which nothing listened on (a 'message' listener starts a port).`,
      sites: sentHere(trace, m, 'posted'),
    });
  }
  return findings;
}

export function unansweredLoops(trace: LoopsTrace): Finding[] {
  const findings: Finding[] = [];
  const questions = new Map<string, Message[]>();
  for (const m of trace.messages) {
    if (!m.replyListener || m.to.task === null || m.dropped || m.to.thread === m.from.thread) continue;
    const key = `${m.from.thread}>${m.to.thread}`;
    if (!questions.has(key)) questions.set(key, []);
    questions.get(key)!.push(m);
  }
  for (const asked of questions.values()) {
    const [first] = asked;
    const { thread: asker } = first.from;
    const { thread: loop } = first.to;
    if (trace.messages.some((m) => m.from.thread === loop && m.to.thread === asker)) continue;
    findings.push({
      kind: 'no-answer',
      message: `${threadName(trace, loop)} never answered ${threadName(trace, asker)}: it received ${plural(asked.length, 'message')} while ${threadName(trace, asker)} listened for its messages, and sent none back before the program ended.`,
      sites: sentHere(trace, first, 'asked'),
    });
  }
  return findings;
}

/**
 * A loop busy with one long synchronous task while messages from other loops waited for it: each message whose
 * sending task ended while that task ran (at least blockedLoopMs before it ended) and whose listeners ran after it.
 */
export function busyReceivers(trace: LoopsTrace, options: Pick<AnalysisOptions, 'blockedLoopMs'>): Finding[] {
  const end = (t: { startTime: number; duration: number }) => t.startTime + Math.max(0, t.duration);
  // each loop's tasks in the order they ran, and where each started
  const ran = new Map<number, { tasks: Trace['tasks']; starts: number[] }>();
  for (const t of trace.tasks) {
    if (t.startStep < 0) continue;
    const thread = t.thread ?? 0;
    if (!ran.has(thread)) ran.set(thread, { tasks: [], starts: [] });
    ran.get(thread)!.tasks.push(t);
  }
  for (const r of ran.values()) {
    r.tasks.sort((a, b) => a.startStep - b.startStep);
    r.starts = r.tasks.map((t) => t.startStep);
  }
  /** the task of `thread` that ran last before step `step` */
  const before = (thread: number, step: number) => {
    const r = ran.get(thread);
    const k = r ? lowerBound(r.starts, step) : 0;
    return k > 0 ? r!.tasks[k - 1] : undefined;
  };
  const waiting = new Map<number, { messages: Message[]; longest: number }>();
  for (const m of trace.messages) {
    if (m.to.task === null || m.to.thread === m.from.thread) continue;
    const sender = trace.tasks[m.from.task];
    const receiver = trace.tasks[m.to.task];
    if (!sender || !receiver) continue;
    const sent = end(sender);
    // the loop's task that ran last before the receiving one: was it running, long, when the message came?
    const busy = before(m.to.thread, receiver.startStep);
    if (!busy || busy.internal || busy.duration / 1000 < options.blockedLoopMs) continue;
    const waited = (end(busy) - Math.max(sent, busy.startTime)) / 1000;
    if (waited < options.blockedLoopMs) continue;
    const entry = waiting.get(busy.id) ?? { messages: [], longest: 0 };
    entry.messages.push(m);
    entry.longest = Math.max(entry.longest, waited);
    waiting.set(busy.id, entry);
  }
  const findings: Finding[] = [];
  for (const [id, { messages, longest }] of waiting) {
    const busy = trace.tasks[id];
    const [first] = messages;
    const from = [...new Set(messages.map((m) => threadName(trace, m.from.thread)))].join(', ');
    const call = trace.steps.slice(busy.startStep, busy.endStep + 1).find((s) => s.kind === 'call' || s.kind === 'resume');
    const where = call && call.site >= 0 ? trace.sites[call.site] : busy.source;
    findings.push({
      kind: 'messages-waited',
      message: `${threadName(trace, busy.thread ?? 0)} was busy for ${Math.round(busy.duration / 1000)} ms with one synchronous task (${busy.label}) while ${plural(messages.length, 'message')} from ${from} waited for it (the longest about ${Math.round(longest)} ms): its 'message' listeners could run only after. Split the work, move it to another thread, or wait with an asynchronous API.`,
      sites: [...findingSite(where && where.line > 0 ? where : busy.source, 'busy-task', busy.startStep), ...sentHere(trace, first, 'waiting-message')],
    });
  }
  return findings;
}
