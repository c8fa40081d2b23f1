// Mermaid sequence diagrams of a trace: the main script, coroutines and callbacks handing control to the event loop's
// queues and back. Ids are generated (P0, P1, ...) so no name can collide with a mermaid keyword; every label is
// escaped; long traces are cut into windows of at most `windowSize` messages.
import { QUEUE_INFO } from './queues';
import type { Trace, Step, QueueName, Message } from './trace-format';
import { fileName } from './paths';
import { describePayload } from './raw-events';

export interface DiagramWindow {
  text: string;
  /** steps covered, inclusive */
  fromStep: number;
  toStep: number;
  /** the step behind each message arrow, in the order mermaid draws them (for click-to-source) */
  messageSteps: number[];
  /** the step behind each note, in order */
  noteSteps: number[];
}

export interface DiagramOptions {
  windowSize?: number;
  /** highlight this step's message (drawn inside a coloured band) */
  currentStep?: number;
}


/** Escape user-derived text for a mermaid label: entity codes (one pass) for everything mermaid's grammar reacts to. */
const ENTITY: Record<string, string> = {
  '#': '#35;', ';': '#59;', '&': '#38;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '%': '#37;',
  '\\': '#92;', '{': '#123;', '}': '#125;', ':': '#58;', '-': '#45;', '`': '#96;', '|': '#124;',
};
export function escapeLabel(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim().slice(0, 160);
  return flat.replace(/[#;&"<>%\\{}:`|]|-(?=[-)x>])/g, (c) => ENTITY[c]) || ' ';
}

/**
 * Tasks drawn as Node's own work (folded into a note on the event loop): those Node marks internal, and those that
 * ran none of the user's code and printed nothing (the settling of an fs.promises call, say). Computed once per trace.
 */
const nodeWorkCache = new WeakMap<Trace, Uint8Array>();
function nodeWork(trace: Trace, task: number): boolean {
  let flags = nodeWorkCache.get(trace);
  if (!flags) {
    const f = new Uint8Array(trace.tasks.length);
    trace.tasks.forEach((t, i) => {
      f[i] = t.internal || (t.queue !== 'main' && t.resumes === undefined) ? 1 : 0;
    });
    for (const st of trace.steps) if (st.task >= 0 && (st.kind === 'call' || st.kind === 'output') && !trace.tasks[st.task]?.internal) f[st.task] = 0;
    nodeWorkCache.set(trace, f);
    flags = f;
  }
  return flags[task] === 1;
}

interface Line {
  text: string;
  kind: 'message' | 'note' | 'control';
  step: number;
}

function lineOf(trace: Trace, step: Step): string {
  const site = trace.sites[step.site];
  return site && site.line > 0 ? ` (line ${site.line})` : '';
}

/** Build the diagram lines for a range of steps, plus the participants they use, in order of first use. */
function buildLines(trace: Trace, from: number, to: number, current?: number) {
  const participants = new Map<string, { id: string; label: string; thread: number }>();
  // with several loops, each has its own event loop, queues and callbacks (drawn in a box per loop)
  const several = trace.threads.length > 1;
  let threadNow = 0;
  const use = (key: string, label: string, thread = threadNow) => {
    const k = several ? `${thread}:${key}` : key;
    let p = participants.get(k);
    if (!p) {
      p = { id: `P${participants.size}`, label, thread };
      participants.set(k, p);
    }
    return p.id;
  };
  // messages to other loops, by the step that sent them
  const sentAt = new Map<number, Message[]>();
  for (const m of trace.messages) if (m.from.step >= from && m.from.step <= to) sentAt.set(m.from.step, [...(sentAt.get(m.from.step) ?? []), m]);
  const lines: Line[] = [];
  const active = new Set<string>();
  const taskActor: string[] = [];
  const actorOfTask = (taskId: number): string => {
    if (taskActor[taskId]) return taskActor[taskId];
    const t = trace.tasks[taskId];
    const th = t?.thread ?? 0;
    let id: string;
    if (!t) id = use('node', 'Node (no user code)', th);
    else if (t.queue === 'main') id = use('main', 'main script', th);
    else if (t.resumes !== undefined) id = use(`c${t.resumes}`, trace.coroutines[t.resumes]?.name ?? 'coroutine', th);
    else {
      const first = trace.steps.slice(t.startStep, t.endStep + 1).find((s) => s.kind === 'call');
      if (first && first.coroutine >= 0) id = use(`c${first.coroutine}`, trace.coroutines[first.coroutine].name, th);
      else if (first) {
        const site = trace.sites[first.site];
        const name = site?.name ?? 'callback';
        id = use(`f${first.site}`, name.endsWith(' callback') || name === '<anonymous>' ? `${name} (line ${site?.line ?? '?'})` : `${name}()`, th);
      }
      else id = use('node', 'Node (no user code)', th);
    }
    taskActor[taskId] = id;
    return id;
  };
  const loop = () => use('loop', 'event loop');
  const queue = (q: QueueName) => (q === 'main' ? loop() : use(`q:${q}`, QUEUE_INFO[q].participant));
  const deactivate = (id: string) => {
    if (active.delete(id)) lines.push({ text: `deactivate ${id}`, kind: 'control', step: -1 });
  };

  let currentTask = -1;
  // the coroutines running inside the current task, innermost last: what they print or schedule is drawn on their own
  // lifeline, not on the callback (or main script) that called them
  let inside: string[] = [];
  const leave = (c: string) => {
    const at = inside.lastIndexOf(c);
    if (at >= 0) inside = inside.slice(0, at);
  };
  // Node's own work is folded into one note per run of consecutive tasks of it.
  let folded: { step: number; tasks: Set<number>; labels: Set<string> } | null = null;
  const flushFolded = () => {
    if (!folded) return;
    const labels = [...folded.labels].slice(0, 3).join(', ');
    lines.push({ text: `Note over ${loop()}: ${escapeLabel(`${folded.tasks.size} task${folded.tasks.size > 1 ? 's' : ''} inside Node (${labels})`)}`, kind: 'note', step: folded.step });
    folded = null;
  };
  for (let i = from; i <= to; i++) {
    const s = trace.steps[i];
    if (!s) break;
    if (s.task !== currentTask) {
      if (currentTask >= 0 && !nodeWork(trace, currentTask)) deactivate(actorOfTask(currentTask));
      if ((trace.tasks[s.task]?.thread ?? 0) !== threadNow) flushFolded(); // a fold stays within its loop
      currentTask = s.task;
      threadNow = trace.tasks[s.task]?.thread ?? 0;
      inside = [];
    }
    const taskInfo = trace.tasks[s.task];
    if (nodeWork(trace, s.task)) {
      folded ??= { step: i, tasks: new Set(), labels: new Set() };
      folded.tasks.add(s.task);
      folded.labels.add(taskInfo.label);
      continue;
    }
    flushFolded();
    const actor = actorOfTask(s.task);
    const here = inside[inside.length - 1] ?? actor;
    const mark = i === current ? ' ◀ current' : '';
    const push = (text: string, kind: Line['kind'] = 'message') => lines.push({ text, kind, step: i });
    switch (s.kind) {
      case 'run':
      case 'resume': {
        if (s.kind === 'resume' && s.task >= 0 && trace.tasks[s.task]?.startStep !== i) {
          // a for-await loop or generator resuming inside the task: a note, not a handover
          push(`Note over ${actor}: ${escapeLabel(s.text + mark)}`, 'note');
          break;
        }
        const t = trace.tasks[s.task];
        const from = t ? queue(t.queue) : loop();
        const text = t && t.queue === 'main' ? 'run the main script' : s.kind === 'resume' ? `resume${lineOf(trace, s)}` : `run ${t?.label ?? 'callback'}`;
        push(`${from}->>${actor}: ${escapeLabel(text + mark)}`);
        if (!active.has(actor)) {
          active.add(actor);
          lines.push({ text: `activate ${actor}`, kind: 'control', step: -1 });
        }
        break;
      }
      case 'call': {
        if (s.coroutine < 0) break;
        const c = use(`c${s.coroutine}`, trace.coroutines[s.coroutine].name);
        if (c !== here) push(`${here}->>${c}: ${escapeLabel(`call${lineOf(trace, s)}${mark}`)}`);
        if (c !== actor) inside.push(c);
        break;
      }
      case 'await': {
        const c = s.coroutine >= 0 ? use(`c${s.coroutine}`, trace.coroutines[s.coroutine].name) : here;
        leave(c);
        push(`${c}--)${loop()}: ${escapeLabel(`await${lineOf(trace, s)}, suspended${mark}`)}`);
        break;
      }
      case 'return': {
        if (s.coroutine < 0) break;
        const c = use(`c${s.coroutine}`, trace.coroutines[s.coroutine].name);
        leave(c);
        push(`${c}-->>${c === actor ? loop() : inside[inside.length - 1] ?? actor}: ${escapeLabel(`finished${mark}`)}`);
        break;
      }
      case 'schedule': {
        const text = s.text.replace(/^schedule /, '').replace(/ \((?:\w+ queue|pending I\/O)\)$/, '');
        push(`${here}-)${queue(s.queue ?? 'other')}: ${escapeLabel(text + lineOf(trace, s) + mark)}`);
        break;
      }
      case 'settle':
        push(`${here}-)${queue('microtask')}: ${escapeLabel(`promise settled, reaction queued${mark}`)}`);
        break;
      case 'cancel':
        push(`${here}-x${queue(s.queue ?? 'timer')}: ${escapeLabel(`${s.text.replace(/:.*$/, '')}${lineOf(trace, s)}${mark}`)}`);
        break;
      case 'output':
        push(`Note over ${here}: ${escapeLabel(s.text + mark)}`, 'note');
        break;
      default:
        break;
    }
    // a message to another loop: to the callback that received it there (or to that loop, if it never did)
    for (const m of sentAt.get(i) ?? []) {
      const target = m.to.task !== null ? actorOfTask(m.to.task) : use('loop', 'event loop', m.to.thread);
      const what = m.payload ? `: ${describePayload(m.payload)}` : '';
      push(`${here}-)${target}: ${escapeLabel(`${m.channel}${what}${m.to.task === null ? ' (never delivered)' : ''}`)}`);
    }
  }
  flushFolded();
  if (currentTask >= 0 && !nodeWork(trace, currentTask)) deactivate(actorOfTask(currentTask));
  return { participants: [...participants.values()], lines };
}

/** Split the trace into windows of at most windowSize messages (notes count too), breaking between tasks. */
export function sequenceDiagramWindows(trace: Trace, options: DiagramOptions = {}): DiagramWindow[] {
  const size = Math.max(10, options.windowSize ?? 250);
  const windows: DiagramWindow[] = [];
  const last = trace.steps.length - 1;
  if (last < 0) return [render(trace, 0, -1, options.currentStep)];
  let from = 0;
  while (from <= last) {
    // grow the window task by task while it fits; a single huge task is cut mid-way
    let to = from;
    let count = 0;
    let lastTaskEnd = -1;
    for (let i = from; i <= last; i++) {
      if (producesElement(trace, i)) count++;
      if (count > size) break;
      to = i;
      if (i === last || trace.steps[i + 1].task !== trace.steps[i].task) lastTaskEnd = i;
    }
    if (lastTaskEnd >= from && to < last) to = lastTaskEnd;
    windows.push(render(trace, from, to, options.currentStep));
    from = to + 1;
  }
  return windows;
}

/** The window that holds a step. */
export function windowForStep(trace: Trace, step: number, options: DiagramOptions = {}): DiagramWindow {
  const all = sequenceDiagramWindows(trace, options);
  return all.find((w) => step >= w.fromStep && step <= w.toStep) ?? all[all.length - 1];
}

/** Does step i draw a message or note? A run of Node's own tasks draws one note, at its first step. */
function producesElement(trace: Trace, i: number): boolean {
  const s = trace.steps[i];
  if (nodeWork(trace, s.task)) return i === 0 || !nodeWork(trace, trace.steps[i - 1].task);
  if (s.kind === 'call' || s.kind === 'return') return s.coroutine >= 0;
  return s.kind !== 'yield';
}

/** One window's diagram: steps `from`..`to` (inclusive), with `current` highlighted when it falls inside. */
export function renderWindow(trace: Trace, from: number, to: number, current?: number): DiagramWindow {
  return render(trace, from, to, current);
}

function render(trace: Trace, from: number, to: number, current?: number): DiagramWindow {
  const { participants, lines } = buildLines(trace, from, to, current);
  const out = ['sequenceDiagram'];
  if (trace.threads.length > 1) {
    // one box per loop, in the order the loops first appear ("transparent": a loop's name is never read as a colour)
    const threads = [...new Set(participants.map((p) => p.thread))];
    for (const th of threads) {
      out.push(`  box transparent ${escapeLabel(trace.threads.find((t) => t.id === th)?.name ?? `thread ${th}`)}`);
      for (const p of participants) if (p.thread === th) out.push(`    participant ${p.id} as ${escapeLabel(p.label)}`);
      out.push('  end');
    }
  } else for (const p of participants) out.push(`  participant ${p.id} as ${escapeLabel(p.label)}`);
  const messageSteps: number[] = [];
  const noteSteps: number[] = [];
  // races in this window, drawn as labelled blocks from the read to the stale write (non-overlapping, so they nest)
  const spans: { start: number; end: number; label: string }[] = [];
  for (const f of trace.findings ?? []) {
    if (!f.steps) continue;
    const start = f.steps.read;
    const end = f.steps.staleWrite ?? f.steps.otherWrite;
    if (end < from || start > to || spans.some((x) => start <= x.end && end >= x.start)) continue;
    spans.push({ start, end, label: `${f.kind.replace(/-/g, ' ')} on ${f.location ?? 'shared state'}` });
  }
  spans.sort((a, b) => a.start - b.start);
  let span = 0;
  let open = false;
  for (const l of lines) {
    if (l.step >= 0) {
      if (open && l.step > spans[span].end) {
        out.push('  end');
        open = false;
        span++;
      }
      if (!open && span < spans.length && l.step >= spans[span].start) {
        out.push(`  critical ${escapeLabel(spans[span].label)}`);
        open = true;
      }
    }
    if (l.kind === 'message') messageSteps.push(l.step);
    if (l.kind === 'note') noteSteps.push(l.step);
    if (l.step === current && current !== undefined && l.kind !== 'control') {
      out.push('  rect rgba(255, 200, 0, 0.35)', `    ${l.text}`, '  end');
    } else out.push(`  ${l.text}`);
  }
  if (open) out.push('  end');
  if (lines.length === 0) out.push(`  Note over ${participants[0]?.id ?? 'P0'}: nothing recorded`);
  if (participants.length === 0) out.splice(1, 0, '  participant P0 as program');
  return { text: out.join('\n') + '\n', fromStep: from, toStep: to, messageSteps, noteSteps };
}

/** Every window of the diagram as a Markdown document of mermaid blocks (GitHub and most editors draw them). */
export function diagramMarkdown(trace: Trace, windowSize: number): string {
  const windows = sequenceDiagramWindows(trace, { windowSize });
  const name = fileName(trace.program.entry);
  return `# Loopscope trace of ${name}\n\n${windows
    .map((w, i) => `## Steps ${w.fromStep + 1}–${w.toStep + 1}${windows.length > 1 ? ` (window ${i + 1} of ${windows.length})` : ''}\n\n\`\`\`mermaid\n${w.text}\`\`\`\n`)
    .join('\n')}`;
}
