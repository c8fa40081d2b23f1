// The timeline: one lane per queue and one per coroutine, x = time in ms (tasks as they ran, awaits as waits spanning
// time) or the step index. Drawn on a canvas, only what is visible: a binary search per lane finds the visible spans,
// and spans narrower than a pixel merge, so 100k steps stay fluid. Click or drag to scrub; Ctrl+wheel (or the buttons,
// or +/-) to zoom; Shift+wheel to pan. Labels are placed only where they overlap nothing else.
import { LOOP_ORDER } from '../src/core/queues';
import { describePayload } from '../src/core/raw-events';
import { buildLanes, lanesInTime, spansIn, queueLaneKey, loopName, loopShortName, TimeAxis, IntervalIndex, type Lane, type Span, type TaskSpan, type WaitSpan } from '../src/core/timeline-lanes';
import type { QueueName } from '../src/core/trace-format';
import { shortSource } from '../src/core/stepping';
import { h, button } from './dom';
import { cssVar } from './theme';
import type { ViewContext } from './context';

interface Colors {
  bg: string;
  gutter: string;
  fg: string;
  muted: string;
  border: string;
  accent: string;
  onQueue: string;
  coroutine: string;
  wait: string;
  queue: Record<QueueName, string>;
  font: string;
}

/** Lanes shown before "+N more lanes" (queue lanes stay pinned on top, the rest scroll) ... */
const MAX_VISIBLE_LANES = 12;
/** ... and after it: the canvas grows to this many, beyond which the rest scroll. */
const MAX_EXPANDED_LANES = 200;
/** Coroutine lanes listed for screen readers (and tests); the canvas draws them all. */
const MAX_LISTED_LANES = 1000;

export type TimelineAxis = 'time' | 'steps';

/** What the last frame drew where (canvas CSS pixels): the tests check that bars overlap and labels do not. */
export interface DrawnBox {
  /** a message's arrow runs from (x, y) to (x + w, y + h) */
  kind: 'bar' | 'wait' | 'label' | 'message';
  lane: number;
  x: number;
  y: number;
  w: number;
  h: number;
  text?: string;
}

export class TimelineView {
  readonly el: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly scroller: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly laneList: HTMLUListElement;
  /** lanes in steps; `shown` is the same lanes in the current axis's units (steps, or microseconds) */
  private lanes: Lane[];
  private shown: Lane[];
  private timeLanes: Lane[] | null = null;
  private readonly time: TimeAxis;
  private axisMode: TimelineAxis;
  private expanded = false;
  private readonly moreButton: HTMLButtonElement;
  private readonly axisButtons: Record<TimelineAxis, HTMLButtonElement>;
  private drawnBoxes: DrawnBox[] = [];
  private arrows: { axis: TimelineAxis; from: Float64Array; to: Float64Array; index: IntervalIndex } | null = null;
  private queueLanes = 0;
  /** loops whose lanes are folded into one (with several loops) */
  private readonly collapsed = new Set<number>();
  private readonly loopButtons: HTMLButtonElement[] = [];
  /** lane index of each queue (by loop and queue: queueLaneKey) and coroutine, for the arrows and the current step */
  private readonly laneOfQueue = new Map<string, number>();
  private readonly laneOfCoroutine = new Map<number, number>();
  private colors!: Colors;
  /** pixels per unit of the axis (a step, or a microsecond) */
  private pxPerUnit = 10;
  /** the unit at the left edge of the plot (fractional) */
  private x0 = 0;
  private step = 0;
  private frame = 0;
  private scrubbing = false;
  private downAt: { x: number; y: number } | null = null;
  private fitted = false;
  /** axis: the ruler's height; top: where lanes start (below the ruler and the row of race labels) */
  private m = { rem: 14, lane: 26, axis: 22, top: 22, gutter: 140, width: 600, height: 200 };
  private readonly resize: ResizeObserver;

  constructor(private readonly ctx: ViewContext) {
    this.lanes = this.shown = [];
    this.time = new TimeAxis(ctx.trace);
    // a server under load is about time (requests overlapping, a database wait); a puzzle is about order
    this.axisMode = ctx.trace.program.requests?.length ? 'time' : 'steps';
    this.canvas = h('canvas', { class: 'ls-tl-canvas', attrs: { tabindex: 0, role: 'img' } });
    this.spacer = h('div', { class: 'ls-tl-spacer' });
    this.scroller = h('div', { class: 'ls-tl-scroll' }, [this.canvas, this.spacer]);
    this.laneList = h('ul', { class: 'ls-sr-only ls-lane-list', attrs: { 'aria-label': 'Timeline lanes' } });
    this.buildLanes();
    // with several loops, each loop's lanes are a group that folds into one lane (all its tasks, in their queues' colours)
    const loops = ctx.trace.threads.length > 1 ? ctx.trace.threads : [];
    for (const t of loops) {
      this.loopButtons.push(
        h('button', {
          class: 'ls-btn ls-seg-btn ls-tl-loop',
          text: `▾ ${loopShortName(ctx.trace, t.id)}`,
          title: `Fold the lanes of ${loopName(ctx.trace, t.id)} into one, or unfold them`,
          attrs: { type: 'button', 'data-thread': t.id, 'aria-expanded': 'true' },
          on: { click: () => this.toggleLoop(t.id) },
        }),
      );
    }
    this.moreButton = h('button', { class: 'ls-btn ls-tl-more', attrs: { type: 'button' }, on: { click: () => this.setExpanded(!this.expanded) } });
    const axisButton = (mode: TimelineAxis, text: string, title: string) =>
      h('button', { class: 'ls-btn ls-seg-btn', text, title, attrs: { type: 'button', 'data-axis': mode }, on: { click: () => this.setAxis(mode) } });
    this.axisButtons = {
      time: axisButton('time', 'Time', 'x is time in milliseconds: tasks as long as they ran, awaits as waits'),
      steps: axisButton('steps', 'Steps', 'x counts steps: every step the same width, in the order they happened'),
    };
    this.el = h('section', { class: 'ls-panel ls-timeline', attrs: { 'aria-label': 'Timeline' } }, [
      h('div', { class: 'ls-panel-head' }, [
        h('h2', { class: 'ls-panel-title', text: 'Timeline' }),
        h('span', { class: 'ls-legend' }, [
          h('span', { class: 'ls-legend-run', text: 'running' }),
          h('span', { class: 'ls-legend-wait', text: 'await: suspended → resumed' }),
        ]),
        h('span', { class: 'ls-seg', attrs: { role: 'group', 'aria-label': 'Timeline axis' } }, [this.axisButtons.time, this.axisButtons.steps]),
        ...(this.loopButtons.length ? [h('span', { class: 'ls-seg', attrs: { role: 'group', 'aria-label': 'Lanes by loop (fold or unfold)' } }, [h('span', { class: 'ls-seg-label', text: 'Loops', attrs: { 'aria-hidden': 'true' } }), ...this.loopButtons])] : []),
        h('span', { class: 'ls-toolbar' }, [
          button({ icon: 'zoomOut', label: 'Zoom out the timeline', keys: '-', onClick: () => this.zoomAt(0.5) }),
          button({ icon: 'zoomIn', label: 'Zoom in the timeline', keys: '+', onClick: () => this.zoomAt(2) }),
          button({ icon: 'fit', label: 'Fit the whole run', keys: '0', onClick: () => this.fit() }),
        ]),
      ]),
      this.scroller,
      this.moreButton,
      this.laneList,
    ]);
    this.syncControls();
    // the tests read what the last frame drew (a method, so nothing is serialized unless asked)
    Object.defineProperty(this.canvas, 'drawnBoxes', { value: () => this.drawnBoxes.slice() });
    this.canvas.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    this.canvas.addEventListener('pointermove', (e) => this.onPointerMove(e));
    this.canvas.addEventListener('pointerup', (e) => this.onPointerUp(e));
    this.canvas.addEventListener('pointercancel', (e) => this.onPointerUp(e));
    this.canvas.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    this.canvas.addEventListener('keydown', (e) => this.onKey(e));
    this.scroller.addEventListener('scroll', () => this.requestDraw());
    this.resize = new ResizeObserver(() => this.layout());
    this.resize.observe(this.scroller);
  }

  /** The lanes for the loops as folded now: the lane maps, the list for screen readers, the canvas's description. */
  private buildLanes(): void {
    const trace = this.ctx.trace;
    this.lanes = buildLanes(trace, this.collapsed);
    this.timeLanes = null;
    this.queueLanes = this.lanes.filter((l) => l.kind === 'queue').length;
    this.laneOfQueue.clear();
    this.laneOfCoroutine.clear();
    this.lanes.forEach((l, i) => {
      if (l.kind === 'coroutine') this.laneOfCoroutine.set(l.coroutine, i);
      // a folded loop's one lane holds the tasks of all its queues
      else for (const q of l.collapsed ? LOOP_ORDER : [l.queue]) this.laneOfQueue.set(queueLaneKey(l.thread, q), i);
    });
    this.canvas.setAttribute(
      'aria-label',
      `Timeline: ${this.queueLanes} queue lanes and ${this.lanes.length - this.queueLanes} coroutine lanes over ${trace.steps.length} steps (${(this.time.end / 1000).toFixed(1)} ms). Click or drag to choose a step; plus and minus zoom.`,
    );
    this.canvas.dataset.lanes = String(this.lanes.length);
    this.laneList.replaceChildren(
      ...this.lanes.slice(0, this.queueLanes + MAX_LISTED_LANES).map((l) =>
        h('li', { text: l.label, attrs: { 'data-kind': l.kind, ...(l.kind === 'coroutine' ? { 'data-coroutine': l.coroutine } : { 'data-queue': l.collapsed ? 'all' : l.queue, 'data-thread': l.thread }) } }),
      ),
    );
  }

  /** Fold a loop's lanes into one, or unfold them. */
  toggleLoop(thread: number): void {
    if (!this.collapsed.delete(thread)) this.collapsed.add(thread);
    for (const b of this.loopButtons) {
      const open = !this.collapsed.has(Number(b.dataset.thread));
      b.setAttribute('aria-expanded', String(open));
      b.textContent = `${open ? '▾' : '▸'} ${loopShortName(this.ctx.trace, Number(b.dataset.thread))}`;
    }
    this.arrows = null;
    this.buildLanes();
    this.syncControls();
    this.layout();
  }

  /** The lane of the queue a task ran from, in its own loop. */
  private laneOfTask(task: { queue: QueueName; thread?: number } | undefined): number | undefined {
    return task ? this.laneOfQueue.get(queueLaneKey(task.thread, task.queue)) : undefined;
  }

  destroy(): void {
    this.resize.disconnect();
    cancelAnimationFrame(this.frame);
  }

  /** Re-read colours and sizes (theme or font scale changed). */
  refreshTheme(): void {
    this.colors = undefined as unknown as Colors;
    this.layout();
  }

  /** Switch the x axis between time (ms) and steps. */
  setAxis(mode: TimelineAxis): void {
    if (mode === this.axisMode) return;
    this.axisMode = mode;
    this.fitted = false;
    this.syncControls();
    this.layout();
  }

  /** Show every lane, or only the first MAX_VISIBLE_LANES. */
  setExpanded(on: boolean): void {
    this.expanded = on;
    this.syncControls();
    this.layout();
  }

  private syncControls(): void {
    for (const [mode, b] of Object.entries(this.axisButtons)) b.setAttribute('aria-pressed', String(mode === this.axisMode));
    this.shown = this.axisMode === 'time' ? (this.timeLanes ??= lanesInTime(this.ctx.trace, this.lanes, this.time)) : this.lanes;
    this.canvas.dataset.axis = this.axisMode;
    const hidden = this.lanes.length - MAX_VISIBLE_LANES;
    this.moreButton.hidden = hidden <= 0;
    this.moreButton.textContent = this.expanded ? 'Show fewer lanes' : `+${hidden} more lanes`;
    this.moreButton.setAttribute('aria-expanded', String(this.expanded));
  }

  update(step: number): void {
    this.step = step;
    this.requestDraw();
  }

  /** After every view has changed the page (following reads the layout): keep the current step in view. */
  settle(): void {
    this.follow();
  }

  private get lastStep(): number {
    return Math.max(0, this.ctx.trace.steps.length - 1);
  }

  private get plotWidth(): number {
    return Math.max(10, this.m.width - this.m.gutter);
  }

  /** the axis's extent in its units */
  private get units(): number {
    return this.axisMode === 'time' ? this.time.end : this.lastStep + 1;
  }

  private get visibleUnits(): number {
    return this.plotWidth / this.pxPerUnit;
  }

  private fitPx(): number {
    return this.plotWidth / this.units;
  }

  /** the most a unit may be zoomed to: 4 rem per step, or per 10 microseconds */
  private get maxPx(): number {
    return this.axisMode === 'time' ? this.m.rem * 0.4 : this.m.rem * 4;
  }

  /**
   * Where each message's arrow starts and ends on the current axis (the middle of the sending and receiving steps),
   * indexed so that a frame finds the arrows in view without looking at every message. Made once per axis.
   */
  private messageArrows(): { from: Float64Array; to: Float64Array; index: IntervalIndex } {
    const cached = this.arrows?.axis === this.axisMode ? this.arrows : null;
    if (cached) return cached;
    const messages = this.ctx.trace.messages;
    const mid = (step: number | null) => (step === null ? NaN : (this.unitOf(step) + this.unitOf(step, true)) / 2);
    const from = Float64Array.from(messages, (m) => mid(m.from.step));
    const to = Float64Array.from(messages, (m) => mid(m.to.step));
    // an undelivered message draws no arrow: its interval is empty (lo > hi)
    const lo = from.map((u, i) => (Number.isNaN(to[i]) ? Infinity : Math.min(u, to[i])));
    const hi = from.map((u, i) => (Number.isNaN(to[i]) ? -Infinity : Math.max(u, to[i])));
    this.arrows = { axis: this.axisMode, from, to, index: new IntervalIndex(lo, hi) };
    return this.arrows;
  }

  /** The message whose arrow passes within a few pixels of (x, y), described: its channel, ends and payload's shape. */
  private messageAt(x: number, y: number): string {
    const { trace } = this.ctx;
    if (!trace.messages.length) return '';
    const arrows = this.messageArrows();
    const slack = 5;
    const u = this.unitAtX(x);
    const half = this.m.lane / 2;
    let best: { d: number; i: number } | null = null;
    for (const i of arrows.index.meeting(u - slack / this.pxPerUnit, u + slack / this.pxPerUnit)) {
      const m = trace.messages[i];
      if (m.to.task === null) continue;
      const fromLane = this.laneOfTask(trace.tasks[m.from.task]);
      const toLane = this.laneOfTask(trace.tasks[m.to.task]);
      if (fromLane === undefined || toLane === undefined) continue;
      const X = (v: number) => this.m.gutter + (v - this.x0) * this.pxPerUnit;
      const d = distanceToSegment(x, y, X(arrows.from[i]), this.laneY(fromLane) + half, X(arrows.to[i]), this.laneY(toLane) + half);
      if (d <= slack && (!best || d < best.d)) best = { d, i };
    }
    if (!best) return '';
    const m = trace.messages[best.i];
    const end = (e: { thread: number; task: number | null }) => `task ${e.task} on ${loopShortName(trace, e.thread)}`;
    const what = m.payload ? `: ${describePayload(m.payload)}` : '';
    return `Message ${m.channel}${what}, sent by ${end(m.from)}, received by ${end(m.to)} (its content is not recorded)`;
  }

  /** Where a step starts on the axis (and, with `after`, where it ends). */
  private unitOf(step: number, after = false): number {
    return this.axisMode === 'time' ? this.time.stepTime(step, after) : step + (after ? 1 : 0);
  }

  private stepAtUnit(u: number): number {
    const step = this.axisMode === 'time' ? this.time.stepAt(u) : Math.floor(u);
    return Math.max(0, Math.min(this.lastStep, step));
  }

  /** The right end of a span: step spans include their last step, time spans end at their `to`. */
  private spanEnd(s: Span): number {
    return this.axisMode === 'time' ? s.to : s.to + 1;
  }

  private readColors(): Colors {
    const el = this.el;
    const queue = {} as Record<QueueName, string>;
    for (const q of LOOP_ORDER) queue[q] = cssVar(el, `--ls-q-${q}`, '#888');
    return {
      bg: cssVar(el, '--ls-panel', '#fff'),
      gutter: cssVar(el, '--ls-panel', '#fff'),
      fg: cssVar(el, '--ls-fg', '#000'),
      muted: cssVar(el, '--ls-muted', '#666'),
      border: cssVar(el, '--ls-border', '#ccc'),
      accent: cssVar(el, '--ls-link', '#06c'),
      onQueue: cssVar(el, '--ls-on-q', '#fff'),
      coroutine: cssVar(el, '--ls-coroutine', '#06c'),
      wait: cssVar(el, '--ls-wait', '#888'),
      queue,
      font: getComputedStyle(el).fontFamily || 'sans-serif',
    };
  }

  private layout(): void {
    if (!this.el.isConnected) return;
    const rem = parseFloat(getComputedStyle(this.el).fontSize) || 14;
    const lane = Math.round(rem * 1.9);
    const axis = Math.round(rem * 1.7);
    // race labels get a row of their own under the ruler, so they never sit on a bar
    const top = axis + (this.ctx.trace.findings.some((f) => f.steps) ? Math.round(rem * 1.4) : 0);
    const visibleLanes = Math.min(this.lanes.length, this.expanded ? MAX_EXPANDED_LANES : MAX_VISIBLE_LANES);
    const height = top + Math.max(1, visibleLanes) * lane + 4;
    const width = Math.max(200, this.scroller.clientWidth);
    const gutter = Math.round(Math.min(width * 0.3, rem * 11));
    this.m = { rem, lane, axis, top, gutter, width, height };
    this.colors = this.readColors();
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.canvas.dataset.visibleLanes = String(visibleLanes);
    this.scroller.style.height = `${height}px`;
    this.spacer.style.height = `${Math.max(0, (this.lanes.length - visibleLanes) * lane)}px`;
    if (!this.fitted) {
      this.fitted = true;
      const fit = this.fitPx();
      // time: the whole run fits; steps: at least ~0.7 rem per step (the rest pans)
      if (this.axisMode === 'time' || fit >= 6) this.pxPerUnit = Math.min(fit, this.maxPx);
      else this.pxPerUnit = Math.max(2, rem * 0.7);
      this.x0 = 0;
    }
    this.clampView();
    this.follow();
    this.draw();
  }

  private clampView(): void {
    const minPx = Math.min(this.fitPx(), this.maxPx);
    this.pxPerUnit = Math.max(minPx, Math.min(this.pxPerUnit, this.maxPx));
    const maxX0 = Math.max(0, this.units - this.visibleUnits);
    this.x0 = Math.max(0, Math.min(this.x0, maxX0));
  }

  /** Keep the current step (and its coroutine's lane) in view. */
  private follow(): void {
    const vis = this.visibleUnits;
    const from = this.unitOf(this.step);
    const to = this.unitOf(this.step, true);
    if (from < this.x0 || to > this.x0 + vis) {
      this.x0 = from - vis * 0.3;
      this.clampView();
    }
    const s = this.ctx.trace.steps[this.step];
    const laneIdx = s && s.coroutine >= 0 ? this.laneOfCoroutine.get(s.coroutine) : undefined;
    if (laneIdx !== undefined && !this.scrubbing) {
      const rel = (laneIdx - this.queueLanes) * this.m.lane;
      const viewH = this.m.height - this.m.top - this.queueLanes * this.m.lane;
      if (rel < this.scroller.scrollTop || rel + this.m.lane > this.scroller.scrollTop + viewH) this.scroller.scrollTop = Math.max(0, rel - viewH / 2);
    }
  }

  private zoomAt(factor: number, atX?: number): void {
    const anchor = atX === undefined ? (this.unitOf(this.step) + this.unitOf(this.step, true)) / 2 : this.x0 + (atX - this.m.gutter) / this.pxPerUnit;
    const anchorX = atX ?? this.m.gutter + (anchor - this.x0) * this.pxPerUnit;
    this.pxPerUnit *= factor;
    this.clampView();
    this.x0 = anchor - (anchorX - this.m.gutter) / this.pxPerUnit;
    this.clampView();
    this.requestDraw();
  }

  private fit(): void {
    this.pxPerUnit = this.fitPx();
    this.x0 = 0;
    this.clampView();
    this.requestDraw();
  }

  private unitAtX(x: number): number {
    return this.x0 + (x - this.m.gutter) / this.pxPerUnit;
  }

  private stepAtX(x: number): number {
    return this.stepAtUnit(this.unitAtX(x));
  }

  /** Lane under a y coordinate (canvas CSS pixels), or -1. */
  private laneAtY(y: number): number {
    const { top, lane } = this.m;
    if (y < top) return -1;
    const pinned = top + this.queueLanes * lane;
    if (y < pinned) return Math.floor((y - top) / lane);
    const i = this.queueLanes + Math.floor((y - pinned + this.scroller.scrollTop) / lane);
    return i < this.lanes.length ? i : -1;
  }

  private laneY(i: number): number {
    const { top, lane } = this.m;
    return i < this.queueLanes ? top + i * lane : top + i * lane - this.scroller.scrollTop;
  }

  /** The span of a lane's list under unit `u`, or undefined. */
  private spanAt<T extends Span>(spans: readonly T[], u: number): T | undefined {
    const [span] = spansIn(spans, u, u);
    return span && span.from <= u ? span : undefined;
  }

  private onPointerDown(e: PointerEvent): void {
    const r = this.canvas.getBoundingClientRect();
    const x = e.clientX - r.left;
    if (x < this.m.gutter) {
      const lane = this.lanes[this.laneAtY(e.clientY - r.top)];
      if (lane?.kind === 'coroutine') {
        const c = this.ctx.trace.coroutines[lane.coroutine];
        if (c) this.ctx.select(c.startStep, c.source);
      }
      return;
    }
    this.scrubbing = true;
    this.downAt = { x, y: e.clientY - r.top };
    this.canvas.setPointerCapture(e.pointerId);
    this.ctx.goTo(this.stepAtX(x));
  }

  private onPointerMove(e: PointerEvent): void {
    const r = this.canvas.getBoundingClientRect();
    const x = e.clientX - r.left;
    if (this.scrubbing) {
      this.ctx.goTo(this.stepAtX(x));
      return;
    }
    this.canvas.title = this.describe(x, e.clientY - r.top);
  }

  private onPointerUp(e: PointerEvent): void {
    if (!this.scrubbing) return;
    this.scrubbing = false;
    if (this.canvas.hasPointerCapture(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
    // a click (not a drag) on a task block also reveals where that task was scheduled
    const r = this.canvas.getBoundingClientRect();
    const x = e.clientX - r.left;
    if (e.type === 'pointerup' && this.downAt && Math.abs(x - this.downAt.x) < 4) {
      const lane = this.shown[this.laneAtY(this.downAt.y)];
      if (lane?.kind === 'queue') {
        const span = this.spanAt(lane.spans, this.unitAtX(x));
        const task = span ? this.ctx.trace.tasks[span.task] : undefined;
        if (task?.source) this.ctx.select(this.stepAtX(x), task.source);
      }
    }
    this.downAt = null;
  }

  private onWheel(e: WheelEvent): void {
    const r = this.canvas.getBoundingClientRect();
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      this.zoomAt(Math.pow(2, -e.deltaY / 300), e.clientX - r.left);
    } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      e.preventDefault();
      this.x0 += (e.shiftKey ? e.deltaY || e.deltaX : e.deltaX) / this.pxPerUnit;
      this.clampView();
      this.requestDraw();
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '+' || e.key === '=') this.zoomAt(2);
    else if (e.key === '-' || e.key === '_') this.zoomAt(0.5);
    else if (e.key === '0') this.fit();
    else return;
    e.preventDefault();
    e.stopPropagation();
  }

  /** Tooltip text for the point under the mouse. */
  private describe(x: number, y: number): string {
    const message = x >= this.m.gutter ? this.messageAt(x, y) : '';
    if (message) return message;
    const i = this.laneAtY(y);
    const lane = this.lanes[i];
    const shown = this.shown[i];
    if (!lane || !shown) return '';
    if (x < this.m.gutter) {
      if (lane.kind === 'queue') return `${lane.label}: ${lane.spans.length} tasks`;
      const c = this.ctx.trace.coroutines[lane.coroutine];
      return `${lane.label} (${c?.name ?? 'coroutine'}, ${c?.kind ?? 'coroutine'}, ${shortSource(c?.source ?? null)}): ${c?.awaits.length ?? 0} awaits. Click to go to its call.`;
    }
    const u = this.unitAtX(x);
    const step = this.stepAtX(x);
    const ms = (v: number) => `${(v / 1000).toFixed(v < 10_000 ? 2 : 1)} ms`;
    if (shown.kind === 'queue') {
      const span = this.spanAt(shown.spans, u);
      const t = span ? this.ctx.trace.tasks[span.task] : undefined;
      return t ? `Task ${t.id} (${t.queue}): ${t.label}, steps ${t.startStep}–${t.endStep}, ran ${ms(t.duration)} at ${ms(t.startTime - this.time.t0)}` : `step ${step}`;
    }
    if (lane.kind !== 'coroutine') return '';
    const wait = this.spanAt(shown.waits, u) as WaitSpan | undefined;
    if (wait) {
      const a = this.ctx.trace.coroutines[lane.coroutine]?.awaits[wait.await];
      const inSteps = lane.waits.find((w) => w.await === wait.await);
      const took = this.axisMode === 'time' ? `, waited ${ms(wait.to - wait.from)}` : '';
      return `${lane.label} suspended at ${shortSource(a?.source ?? null)} (step ${inSteps?.from})${wait.resumed ? `, resumed at step ${inSteps?.to}` : ', never resumed'}${took}`;
    }
    const run = this.spanAt(shown.spans, u);
    return run ? `${lane.label} running at step ${step}` : `step ${step}`;
  }

  private requestDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Ruler: ticks every 1, 2 or 5 x 10^k units, at least ~5 rem apart; time is labelled in ms. */
  private drawRuler(g: CanvasRenderingContext2D, X: (u: number) => number, from: number, to: number): void {
    const c = this.colors;
    const { axis, height, rem } = this.m;
    const minGap = rem * 5;
    let every = 1;
    for (let k = 0; k < 40; k++) {
      every = [1, 2, 5][k % 3] * Math.pow(10, Math.floor(k / 3));
      if (every * this.pxPerUnit >= minGap) break;
    }
    const time = this.axisMode === 'time';
    const decimals = time ? Math.max(0, 3 - Math.floor(Math.log10(every))) : 0;
    g.fillStyle = c.muted;
    g.strokeStyle = c.border;
    g.lineWidth = 1;
    for (let u = Math.ceil(from / every) * every; u <= to; u += every) {
      const x = Math.round(X(u)) + 0.5;
      g.beginPath();
      g.moveTo(x, axis - 5);
      g.lineTo(x, height);
      g.globalAlpha = 0.35;
      g.stroke();
      g.globalAlpha = 1;
      this.label(g, time ? (u / 1000).toFixed(decimals) : String(u), x + 3, axis / 2, -1);
    }
  }

  private draw(): void {
    const g = this.canvas.getContext('2d');
    if (!g || !this.el.isConnected) return;
    if (!this.colors) this.colors = this.readColors();
    this.drawnBoxes = [];
    const c = this.colors;
    const { width, height, gutter, lane, axis, top, rem } = this.m;
    const time = this.axisMode === 'time';
    const dpr = window.devicePixelRatio || 1;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = c.bg;
    g.fillRect(0, 0, width, height);
    const from = Math.max(0, this.x0);
    const to = Math.min(this.units, this.x0 + this.visibleUnits);
    const X = (u: number) => gutter + (u - this.x0) * this.pxPerUnit;
    const fontPx = Math.round(rem * 0.85);
    g.font = `${fontPx}px ${c.font}`;
    g.textBaseline = 'middle';
    let drawn = 0;
    this.drawRuler(g, X, from, to);

    const drawLane = (i: number) => {
      const l = this.shown[i];
      const y = this.laneY(i);
      const pad = Math.max(2, Math.round(lane * 0.14));
      const barTop = y + pad;
      const hgt = lane - 2 * pad;
      if (l.kind === 'queue') {
        const tasks = this.ctx.trace.tasks;
        const color = l.collapsed ? (s: Span) => c.queue[tasks[(s as TaskSpan).task]?.queue ?? l.queue] : c.queue[l.queue];
        drawn += this.drawSpans(g, i, l.spans, from, to, X, barTop, hgt, color, (s) => tasks[(s as TaskSpan).task]?.label ?? '', (s) => !!tasks[(s as TaskSpan).task]?.internal);
      } else {
        // waits first (a dashed line through the lane), then the running spans on top
        const mid = Math.round(y + lane / 2) + 0.5;
        g.strokeStyle = c.wait;
        g.lineWidth = 2;
        let lastRight = -Infinity;
        for (const w of spansIn(l.waits, from, to)) {
          // steps: the wait lies between the suspend step and the resume step; time: it spans its own from..to
          const xa = time ? X(w.from) : X(w.from + 1);
          const xb = Math.max(xa, time || !w.resumed ? X(this.spanEnd(w)) : X(w.to));
          // waits that end in a pixel column already drawn are skipped (zoomed far out): at most one per column
          if (Math.floor(xb) <= lastRight) continue;
          lastRight = Math.floor(xb);
          drawn++;
          this.drawnBoxes.push({ kind: 'wait', lane: i, x: xa, y: barTop, w: xb - xa, h: hgt });
          g.setLineDash([4, 3]);
          g.beginPath();
          g.moveTo(xa, mid);
          g.lineTo(xb, mid);
          g.stroke();
          g.setLineDash([]);
          if (xb - xa < 8) continue;
          // suspend: a small bar; resume: an arrowhead into the next running span
          g.fillStyle = c.wait;
          g.fillRect(xa - 1, mid - hgt / 3, 3, (hgt * 2) / 3);
          if (w.resumed) {
            g.beginPath();
            g.moveTo(xb, mid);
            g.lineTo(xb - 6, mid - 4);
            g.lineTo(xb - 6, mid + 4);
            g.closePath();
            g.fill();
          } else if (xb - xa > rem * 8) {
            g.fillStyle = c.muted;
            this.label(g, 'never resumed', Math.max(xa, gutter) + 6, y + pad + fontPx / 2, i);
          }
        }
        g.lineWidth = 1;
        drawn += this.drawSpans(g, i, l.spans, from, to, X, barTop, hgt, c.coroutine, () => l.label);
      }
    };

    // coroutine lanes scroll under the pinned queue lanes
    const pinnedBottom = top + this.queueLanes * lane;
    g.save();
    g.beginPath();
    g.rect(0, pinnedBottom, width, height - pinnedBottom);
    g.clip();
    const firstCo = this.queueLanes + Math.floor(this.scroller.scrollTop / lane);
    const lastCo = Math.min(this.lanes.length - 1, firstCo + Math.ceil((height - pinnedBottom) / lane) + 1);
    for (let i = firstCo; i <= lastCo; i++) drawLane(i);
    g.restore();
    for (let i = 0; i < this.queueLanes; i++) drawLane(i);
    // what was panned under the gutter is not on screen
    this.drawnBoxes = this.drawnBoxes.filter((b) => b.lane < 0 || (b.x + b.w > gutter && b.y + b.h > top && b.y < height));

    // lane separators and the label gutter (drawn last, over anything panned under it)
    g.fillStyle = c.gutter;
    g.fillRect(0, 0, gutter, height);
    g.strokeStyle = c.border;
    g.beginPath();
    g.moveTo(gutter - 0.5, 0);
    g.lineTo(gutter - 0.5, height);
    g.moveTo(0, axis - 0.5);
    g.lineTo(width, axis - 0.5);
    if (top > axis) {
      g.moveTo(0, top - 0.5);
      g.lineTo(width, top - 0.5);
    }
    if (this.queueLanes < this.lanes.length) {
      g.moveTo(0, pinnedBottom - 0.5);
      g.lineTo(width, pinnedBottom - 0.5);
    }
    g.stroke();
    g.fillStyle = c.muted;
    g.fillText(time ? 'time (ms)' : 'step', 8, axis / 2);
    const laneLabel = (i: number) => {
      const l = this.lanes[i];
      const y = this.laneY(i) + lane / 2;
      const dot = l.kind === 'queue' ? c.queue[l.queue] : c.coroutine;
      g.fillStyle = dot;
      g.beginPath();
      if (l.kind === 'queue') g.rect(8, y - 4, 8, 8);
      else g.arc(12, y, 4, 0, Math.PI * 2);
      g.fill();
      g.fillStyle = c.fg;
      this.fitText(g, l.kind === 'coroutine' && !l.finished ? `${l.label} (unfinished)` : l.label, 22, y, gutter - 28);
    };
    for (let i = 0; i < this.queueLanes; i++) laneLabel(i);
    g.save();
    g.beginPath();
    g.rect(0, pinnedBottom, gutter, height - pinnedBottom);
    g.clip();
    for (let i = firstCo; i <= lastCo; i++) laneLabel(i);
    g.restore();

    // causality: an arrow from where the current task was scheduled to where it ran
    const cur = this.ctx.trace.steps[this.step];
    const task = cur ? this.ctx.trace.tasks[cur.task] : undefined;
    g.save();
    g.beginPath();
    g.rect(gutter, axis, width - gutter, height - axis);
    g.clip();
    if (task && task.enqueuedAt !== null && task.scheduledBy !== null) {
      const by = this.ctx.trace.tasks[task.scheduledBy];
      const fromLane = by ? this.laneOfTask(by) : undefined;
      const toLane = this.laneOfTask(task);
      if (fromLane !== undefined && toLane !== undefined) {
        const x1 = X((this.unitOf(task.enqueuedAt) + this.unitOf(task.enqueuedAt, true)) / 2);
        const y1 = this.laneY(fromLane) + lane / 2;
        const x2 = X(this.unitOf(task.startStep));
        const y2 = this.laneY(toLane) + lane / 2;
        g.strokeStyle = c.accent;
        g.fillStyle = c.accent;
        g.lineWidth = 2;
        g.setLineDash([5, 4]);
        g.beginPath();
        g.moveTo(x1, y1);
        g.bezierCurveTo(x1 + (x2 - x1) * 0.5, y1, x2 - (x2 - x1) * 0.5, y2, x2, y2);
        g.stroke();
        g.setLineDash([]);
        g.beginPath();
        g.arc(x1, y1, 3.5, 0, Math.PI * 2);
        g.fill();
      }
    }
    // messages between loops: an arrow from the task that sent each one to the task whose listener received it
    let messages = 0;
    g.strokeStyle = c.coroutine;
    g.fillStyle = c.coroutine;
    g.lineWidth = 1.5;
    const arrows = this.messageArrows();
    for (const i of arrows.index.meeting(from, to)) {
      const m = this.ctx.trace.messages[i];
      if (m.to.step === null || m.to.task === null) continue;
      const u1 = arrows.from[i];
      const u2 = arrows.to[i];
      const fromLane = this.laneOfTask(this.ctx.trace.tasks[m.from.task]);
      const toLane = this.laneOfTask(this.ctx.trace.tasks[m.to.task]);
      if (fromLane === undefined || toLane === undefined) continue;
      messages++;
      const x1 = X(u1);
      const y1 = this.laneY(fromLane) + lane / 2;
      const x2 = X(u2);
      const y2 = this.laneY(toLane) + lane / 2;
      g.beginPath();
      g.moveTo(x1, y1);
      g.lineTo(x2, y2);
      g.stroke();
      this.drawnBoxes.push({ kind: 'message', lane: fromLane, x: x1, y: y1, w: x2 - x1, h: y2 - y1 });
      // the head: at the receiving end, along the line
      const a = Math.atan2(y2 - y1, x2 - x1);
      const s = Math.max(5, lane * 0.28);
      g.beginPath();
      g.moveTo(x2, y2);
      g.lineTo(x2 - s * Math.cos(a - 0.45), y2 - s * Math.sin(a - 0.45));
      g.lineTo(x2 - s * Math.cos(a + 0.45), y2 - s * Math.sin(a + 0.45));
      g.closePath();
      g.fill();
    }
    this.canvas.dataset.messages = String(messages);
    // races across awaits: a band from the read to the stale write, a tick at each moment, and the kind and location
    // in the row under the ruler (a label that would overlap the previous one is left to the tooltip and the list)
    let races = 0;
    for (const f of this.ctx.trace.findings) {
      if (!f.steps) continue;
      const first = this.unitOf(f.steps.read);
      const last = this.unitOf(f.steps.staleWrite ?? f.steps.otherWrite, true);
      if (last < from || first > to) continue;
      races++;
      const x1 = Math.max(gutter, X(first));
      const x2 = Math.max(x1 + 2, X(last));
      g.fillStyle = 'rgba(220, 60, 60, 0.13)';
      g.fillRect(x1, axis, x2 - x1, height - axis);
      g.strokeStyle = 'rgba(200, 40, 40, 0.85)';
      g.lineWidth = 2;
      for (const m of [f.steps.read, f.steps.suspend, f.steps.otherWrite, f.steps.staleWrite]) {
        if (m === null) continue;
        const um = (this.unitOf(m) + this.unitOf(m, true)) / 2;
        if (um < from || um > to) continue;
        const xm = Math.round(X(um));
        g.beginPath();
        g.moveTo(xm, axis);
        g.lineTo(xm, height);
        g.stroke();
      }
      g.fillStyle = c.fg;
      this.label(g, `${f.kind.replace(/-/g, ' ')}: ${f.location ?? ''}`, x1 + 4, (axis + top) / 2, -1, true);
    }
    this.canvas.dataset.races = String(races);
    // the current task outlined and the current step marked: a line at its time (or across its step)
    if (task) {
      const li = this.laneOfTask(task);
      if (li !== undefined) {
        g.strokeStyle = c.fg;
        g.lineWidth = 2;
        const pad = Math.max(2, Math.round(lane * 0.14));
        const xa = X(this.unitOf(task.startStep));
        const xb = Math.max(xa + 2, X(this.unitOf(task.endStep, true)));
        g.strokeRect(xa - 1, this.laneY(li) + pad - 1, xb - xa + 2, lane - 2 * pad + 2);
      }
    }
    g.restore();
    const xs = X((this.unitOf(this.step) + this.unitOf(this.step, true)) / 2);
    this.canvas.dataset.currentX = xs.toFixed(1);
    if (xs >= gutter) {
      g.strokeStyle = c.accent;
      g.lineWidth = 2;
      g.beginPath();
      g.moveTo(xs, axis - 4);
      g.lineTo(xs, height);
      g.stroke();
      g.fillStyle = c.accent;
      g.beginPath();
      g.moveTo(xs - 5, axis - 8);
      g.lineTo(xs + 5, axis - 8);
      g.lineTo(xs, axis - 2);
      g.closePath();
      g.fill();
    }
    this.canvas.dataset.drawn = String(drawn);
    this.canvas.dataset.range = `${this.stepAtUnit(from)}-${this.stepAtUnit(to)}`;
  }

  /**
   * Draw a text label at (x, y) unless it would overlap a label already drawn in this frame (then it is left to the
   * tooltip). `lane` is the lane it belongs to, or -1 for the ruler and the race row. Returns whether it was drawn.
   */
  private label(g: CanvasRenderingContext2D, text: string, x: number, y: number, lane: number, plate = false): boolean {
    const w = g.measureText(text).width;
    const hgt = Math.round(this.m.rem * 0.85) + 2;
    const box: DrawnBox = { kind: 'label', lane, x, y: y - hgt / 2, w, h: hgt, text };
    const hits = (b: DrawnBox) => b.kind === 'label' && b.x < box.x + box.w && box.x < b.x + b.w && b.y < box.y + box.h && box.y < b.y + b.h;
    if (x + w > this.m.width || this.drawnBoxes.some(hits)) return false;
    if (plate) {
      const fill = g.fillStyle;
      g.fillStyle = this.colors.bg;
      g.fillRect(x - 2, box.y, w + 4, hgt);
      g.fillStyle = fill;
    }
    g.fillText(text, x, y);
    this.drawnBoxes.push(box);
    return true;
  }

  /** Draw the visible spans of one lane; spans that would share a pixel are merged. Returns how many were drawn. */
  private drawSpans(
    g: CanvasRenderingContext2D, lane: number, spans: readonly Span[], from: number, to: number, X: (u: number) => number, top: number, hgt: number, color: string | ((s: Span) => string),
    labelOf: (s: Span) => string, dim?: (s: Span) => boolean,
  ): number {
    let lastRight = -Infinity;
    let n = 0;
    const wide: { x: number; w: number; s: Span }[] = [];
    if (typeof color === 'string') g.fillStyle = color;
    for (const s of spansIn(spans, from, to)) {
      let xa = X(s.from);
      // a step span leaves a pixel between neighbours; a task in time is at least 2 px wide, however short it ran
      const xb = this.axisMode === 'time' ? Math.max(xa + 2, X(s.to)) : Math.max(xa + 1, X(s.to + 1) - 1);
      // at most one span per pixel column: zoomed far out, thousands of tasks share a pixel
      if (Math.floor(xb) <= lastRight) continue;
      xa = Math.max(xa, lastRight);
      // Node's own tasks: drawn faint, so the user's tasks stand out
      const faint = dim?.(s) ?? false;
      if (typeof color !== 'string') g.fillStyle = color(s);
      if (faint) g.globalAlpha = 0.3;
      g.fillRect(xa, top, xb - xa, hgt);
      this.drawnBoxes.push({ kind: 'bar', lane, x: xa, y: top, w: xb - xa, h: hgt });
      lastRight = Math.floor(xb);
      n++;
      if (faint) {
        g.globalAlpha = 1;
        continue;
      }
      if (xb - xa > this.m.rem * 3) wide.push({ x: xa, w: xb - xa, s });
    }
    if (wide.length) {
      g.fillStyle = this.colors.onQueue;
      for (const { x, w, s } of wide) {
        // the label is clipped to its own bar, so it never covers another
        const text = labelOf(s);
        const tx = Math.max(x, this.m.gutter) + 4;
        g.save();
        g.beginPath();
        g.rect(x, top, w, hgt);
        g.clip();
        g.fillText(text, tx, top + hgt / 2 + 1);
        g.restore();
        const tw = Math.min(g.measureText(text).width, x + w - tx);
        if (tw > 0) this.drawnBoxes.push({ kind: 'label', lane, x: tx, y: top, w: tw, h: hgt, text });
      }
    }
    return n;
  }

  private fitText(g: CanvasRenderingContext2D, text: string, x: number, y: number, max: number): void {
    if (g.measureText(text).width <= max) {
      g.fillText(text, x, y);
      return;
    }
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (g.measureText(`${text.slice(0, mid)}…`).width <= max) lo = mid;
      else hi = mid - 1;
    }
    g.fillText(`${text.slice(0, lo)}…`, x, y);
  }
}

/** Distance from (px, py) to the segment (x1, y1)-(x2, y2). */
function distanceToSegment(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len2)) : 0;
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}
