// The event loop at the current step: the call stack and every queue, with what just entered or left marked.
import { queueIndexOf, type LoopState } from '../src/core/timeline';
import type { QueueItem, QueueName } from '../src/core/trace-format';
import { shortSource, sourceOfStep } from '../src/core/stepping';
import { QUEUE_INFO, LOOP_ORDER } from '../src/core/queues';
import { loopName } from '../src/core/loops';
import { h, clear } from './dom';
import type { ViewContext } from './context';

type ViewQueue = Exclude<QueueName, 'main'>;

const CARDS = LOOP_ORDER.filter((q): q is ViewQueue => q !== 'main').map((queue) => ({ queue, title: QUEUE_INFO[queue].title, hint: QUEUE_INFO[queue].phase }));

/** The short word for a queue, on the running callback's tag. */
const QUEUE_WORD: Partial<Record<string, string>> = { nextTick: 'nextTick', microtask: 'microtask', timer: 'timers', io: 'I/O', immediate: 'immediates', close: 'close', other: 'other' };

/** More than this many items in one queue are summarised as "+N more" so a huge queue cannot stall a step. */
const MAX_ITEMS = 12;
/** Frames shown from the top of the stack (deep recursion is summarised). */
const MAX_FRAMES = 30;

export class LoopView {
  /** the queues */
  readonly el: HTMLElement;
  /** the call stack, placed by the app beside the code */
  readonly stackEl: HTMLElement;
  private readonly stackList: HTMLOListElement;
  private readonly lists = new Map<ViewQueue, { card: HTMLElement; list: HTMLOListElement; count: HTMLElement }>();
  private readonly t0: number;
  /** several event loops (workers, child processes): which one the view shows; 'follow' is the current step's */
  private chosen: number | 'follow' = 'follow';
  private readonly loopTitle: HTMLElement;
  /** the loop each queue item belongs to: the loop of the task that queued it */
  private itemThread: Int32Array | null = null;

  constructor(private readonly ctx: ViewContext) {
    this.t0 = ctx.trace.tasks[0]?.startTime ?? 0;
    this.stackList = h('ol', { class: 'ls-items ls-stack', attrs: { 'aria-label': 'Call stack, innermost first' } });
    this.stackEl = h('section', { class: 'ls-card ls-card-stack', attrs: { 'aria-label': 'Call stack' } }, [
      h('h3', { class: 'ls-card-title' }, [h('span', { text: 'Call stack' })]),
      this.stackList,
    ]);
    const usedQueues = new Set(ctx.trace.queueItems.map((q) => q.queue));
    const cards: HTMLElement[] = [];
    for (const c of CARDS) {
      if (c.queue === 'other' && !usedQueues.has('other')) continue;
      const count = h('span', { class: 'ls-count', text: '0' });
      const list = h('ol', { class: 'ls-items', attrs: { 'aria-label': c.title } });
      const card = h('section', { class: `ls-card ls-q-${c.queue}`, attrs: { 'aria-label': c.title, 'data-queue': c.queue } }, [
        h('h3', { class: 'ls-card-title', title: c.hint }, [h('span', { class: 'ls-dot' }), h('span', { text: c.title }), h('span', { class: 'ls-card-hint', text: c.hint }), count]),
        list,
      ]);
      this.lists.set(c.queue, { card, list, count });
      cards.push(card);
    }
    this.loopTitle = h('span', { class: 'ls-loop-name' });
    const threads = ctx.trace.threads;
    const picker =
      threads.length > 1
        ? h(
            'select',
            {
              class: 'ls-loop-pick',
              title: 'Which event loop to show: each worker thread and child process has its own',
              attrs: { 'aria-label': 'Event loop shown' },
              on: {
                change: (e: Event) => {
                  const v = (e.target as HTMLSelectElement).value;
                  this.chosen = v === 'follow' ? 'follow' : Number(v);
                  this.ctx.refresh();
                },
              },
            },
            [h('option', { text: "the current step's loop", attrs: { value: 'follow' } }), ...threads.map((t) => h('option', { text: t.name, attrs: { value: String(t.id) } }))],
          )
        : null;
    this.el = h('section', { class: 'ls-panel ls-loop', attrs: { 'aria-label': 'Event loop' } }, [
      h('h2', { class: 'ls-panel-title' }, [h('span', { text: 'Event loop queues' }), this.loopTitle, picker]),
      h('div', { class: 'ls-cards' }, cards),
    ]);
  }

  /** Show the loop after `state.step`; what entered or left counts from `from`, the first step of the current stop. */
  update(state: LoopState, from = state.step): void {
    const { trace } = this.ctx;
    const task = trace.tasks[state.task];
    const s = trace.steps[state.step];
    const internal = this.ctx.index.folded && !!task?.internal;
    // several loops: the view shows one of them, by default the one the current step runs on
    const stepThread = task?.thread ?? 0;
    const shown = this.chosen === 'follow' ? stepThread : this.chosen;
    const elsewhere = shown !== stepThread;
    if (trace.threads.length > 1) this.loopTitle.textContent = ` · ${loopName(trace, shown)}`;
    clear(this.stackList);
    if (elsewhere) {
      // the loops run in parallel: another loop's stack is known only at its own steps
      this.stackList.appendChild(h('li', { class: 'ls-empty', text: `not shown: this step runs on ${loopName(trace, stepThread)}` }));
    }
    // the running callback is on the stack (not still in its queue) from the moment it starts until it returns: at
    // every step of its task but a last one that is its return
    const returned = !!task && !!s && state.step === task.endStep && (s.kind === 'return' || s.kind === 'end') && s.depth === 0;
    const running = !elsewhere && !!task && !!s && !internal && !returned;
    // a coroutine that just awaited has left the stack: shown leaving, on top, until the next step
    const suspended = !elsewhere && s?.kind === 'await' && s.coroutine >= 0 ? trace.coroutines[s.coroutine] : undefined;
    if (!elsewhere && state.stack.length === 0 && !running && !suspended) this.stackList.appendChild(h('li', { class: 'ls-empty', text: 'empty: no JavaScript running' }));
    if (suspended) {
      const src = sourceOfStep(trace, state.step);
      const b = this.itemButton('ls-frame ls-left', suspended.name, '', `${src ? `suspended at line ${src.line}` : 'suspended'}: resumes from the microtask queue once its promise settles`, `${suspended.name} awaits and leaves the stack: its rest waits for the awaited promise`, () =>
        this.ctx.select(state.step, src),
      );
      b.appendChild(h('span', { class: 'ls-tag', text: 'left the stack' }));
      this.stackList.appendChild(h('li', {}, [b]));
    }
    const frames = elsewhere ? [] : [...state.stack].reverse();
    frames.slice(0, MAX_FRAMES).forEach((f, i) => {
      const src = shortSource(f.source);
      this.stackList.appendChild(
        h('li', {}, [
          this.itemButton(`ls-frame${i === 0 ? ' ls-top' : ''}${f.step === state.step ? ' ls-entered' : ''}`, f.name, '', src, `${f.name}${src ? ` at ${src}` : ''}: go to the step that called it`, () =>
            this.ctx.select(f.step, f.source),
          ),
        ]),
      );
    });
    if (frames.length > MAX_FRAMES) this.stackList.appendChild(h('li', { class: 'ls-more', text: `+ ${frames.length - MAX_FRAMES} more frames` }));
    if (running && task) {
      // the callback the event loop took from its queue, under the frames it called
      const justStarted = task.startStep >= from;
      const b = this.itemButton(
        `ls-frame ls-task-frame ls-q-${task.queue}${frames.length === 0 ? ' ls-top' : ''}${justStarted ? ' ls-entered' : ''}`,
        task.queue === 'main' ? 'main script' : task.label,
        '',
        task.source ? shortSource(task.source) : '',
        `${task.label}: the callback running now, taken from the ${task.queue === 'main' ? 'start of the program' : `${task.queue} queue`}`,
        () => this.ctx.select(task.startStep, task.source),
      );
      if (task.queue !== 'main') b.appendChild(h('span', { class: 'ls-tag', text: justStarted ? `from ${QUEUE_WORD[task.queue] ?? task.queue}` : QUEUE_WORD[task.queue] ?? task.queue }));
      this.stackList.appendChild(h('li', {}, [b]));
    }

    // what entered during this stop (a stop can be several recorded steps)
    const entered = new Set((from === state.step ? state.entered : queueIndexOf(trace).enteredBetween(from, state.step)).map((i) => i.id));
    const now = (task?.startTime ?? this.t0) - this.t0;
    for (const [queue, { card, list, count }] of this.lists) {
      const all = trace.threads.length > 1 ? state.queues[queue].filter((i) => this.threadOf(i) === shown) : state.queues[queue];
      // Node's own queue entries are summarised while internals are folded
      const items = this.ctx.index.folded ? all.filter((i) => !i.internal) : all;
      const hidden = all.length - items.length;
      count.textContent = String(items.length);
      card.classList.toggle('ls-active', running && task?.queue === queue);
      card.classList.toggle('ls-nonempty', items.length > 0);
      clear(list);
      for (const item of items.slice(0, MAX_ITEMS)) list.appendChild(h('li', {}, [this.queueItem(item, entered.has(item.id) ? 'ls-entered' : '', entered.has(item.id) ? 'new' : '', now)]));
      if (items.length > MAX_ITEMS) list.appendChild(h('li', { class: 'ls-more', text: `+ ${items.length - MAX_ITEMS} more` }));
      if (hidden > 0 && !this.ctx.index.folded) list.appendChild(h('li', { class: 'ls-more', text: `+ ${hidden} of Node's own (internal)` }));
      if (items.length === 0) list.appendChild(h('li', { class: 'ls-empty', text: 'empty' }));
    }
  }

  /**
   * After every view has changed the page (one layout for all of them, not one per card): a card scrolls inside,
   * so keep what just entered in view (it is usually at the end of a FIFO queue).
   */
  settle(): void {
    const lists = [...this.lists.values()].map(({ list }) => list);
    const targets = lists.map((list) => {
      const fresh = list.querySelector<HTMLElement>('.ls-entered');
      return fresh ? Math.max(0, fresh.offsetTop - list.clientHeight + fresh.offsetHeight + 4) : 0;
    });
    lists.forEach((list, i) => (list.scrollTop = targets[i]));
  }

  /** The loop a queue item belongs to: the loop of the task that queued it. */
  private threadOf(item: QueueItem): number {
    const { trace } = this.ctx;
    if (!this.itemThread) {
      this.itemThread = new Int32Array(trace.queueItems.length);
      trace.queueItems.forEach((q, i) => (this.itemThread![i] = trace.tasks[trace.steps[q.enterStep]?.task ?? -1]?.thread ?? 0));
    }
    return this.itemThread[item.id] ?? 0;
  }

  private queueItem(item: QueueItem, cls: string, tag: string, now: number): HTMLButtonElement {
    const { trace } = this.ctx;
    const taskLabel = item.task !== null ? trace.tasks[item.task]?.label ?? '' : '';
    // the task label reads "promise reaction → then callback": show what will run, not the queue's word for it again
    const fullDetail = taskLabel.includes('→') ? taskLabel.slice(taskLabel.indexOf('→')) : taskLabel && taskLabel !== item.label ? taskLabel : '';
    // "queueMicrotask → queueMicrotask callback" says nothing new
    const detail = fullDetail.includes(item.label) ? '' : fullDetail;
    const meta: string[] = [];
    const src = shortSource(item.source);
    // the traced file's own lines need no file name
    if (src) meta.push(item.source?.file === trace.program.entry ? `line ${item.source.line}` : src);
    if (item.queue === 'timer' && item.due !== undefined) {
      const due = (item.due - this.t0) / 1000;
      const wait = due - now / 1000;
      meta.push(`due ${due.toFixed(1)} ms${wait > 0 ? ` (in ${wait.toFixed(1)} ms)` : ' (now)'}`);
    }
    if (item.inferred) meta.push('enqueue time inferred');
    if (item.internal) meta.push("Node's own work");
    if (item.queue === 'timer' && /\b1 ms\b/.test(item.label)) meta.push('0 ms is 1 ms in Node');
    const runs = item.leaveStep !== null ? `runs at step ${this.ctx.index.stepNumber(item.leaveStep)}` : 'never ran';
    const b = this.itemButton(`ls-item ${cls}${item.internal ? ' ls-internal' : ''}`, item.label, detail, meta.join(' · '), `${item.label} ${detail}, ${runs}${src ? `; scheduled at ${src}` : ''}: go to where it was scheduled`, () =>
      this.ctx.select(item.enterStep, item.source),
    );
    if (tag) b.appendChild(h('span', { class: 'ls-tag', text: tag }));
    b.dataset.item = String(item.id);
    return b;
  }

  private itemButton(cls: string, label: string, detail: string, meta: string, aria: string, onClick: () => void): HTMLButtonElement {
    return h('button', { class: cls, title: aria, attrs: { type: 'button', 'aria-label': aria }, on: { click: onClick } }, [
      h('span', { class: 'ls-item-label', text: label }),
      detail ? h('span', { class: 'ls-item-detail', text: detail }) : null,
      meta ? h('span', { class: 'ls-item-meta', text: meta }) : null,
    ]);
  }
}
