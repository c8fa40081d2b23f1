// The timeline: one lane per queue and one per coroutine, x = step index. Drawn on a canvas, only what is visible:
// a binary search per lane finds the visible spans, and spans narrower than a pixel merge, so 100k steps stay fluid.
// Click or drag to scrub; Ctrl+wheel (or the buttons, or +/-) to zoom; Shift+wheel to pan.
import { LOOP_ORDER } from '../core/queues';
import { buildLanes, spansIn, type Lane, type Span, type TaskSpan } from '../core/timeline-lanes';
import type { QueueName } from '../core/trace-format';
import { shortSource } from '../core/stepping';
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

/** At most this many lanes are visible at once; more scroll (queue lanes stay pinned on top). */
const MAX_VISIBLE_LANES = 12;
/** Coroutine lanes listed for screen readers (and tests); the canvas draws them all. */
const MAX_LISTED_LANES = 1000;

export class TimelineView {
  readonly el: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly scroller: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly laneList: HTMLUListElement;
  private readonly lanes: Lane[];
  private readonly queueLanes: number;
  /** lane index of each queue and coroutine, for the causality arrow and following the current step */
  private readonly laneOfQueue = new Map<QueueName, number>();
  private readonly laneOfCoroutine = new Map<number, number>();
  private colors!: Colors;
  private pxPerStep = 10;
  /** the step at the left edge of the plot (fractional) */
  private x0 = 0;
  private step = 0;
  private frame = 0;
  private scrubbing = false;
  private downAt: { x: number; y: number } | null = null;
  private fitted = false;
  private m = { rem: 14, lane: 26, axis: 22, gutter: 140, width: 600, height: 200 };
  private readonly resize: ResizeObserver;

  constructor(private readonly ctx: ViewContext) {
    this.lanes = buildLanes(ctx.trace);
    this.queueLanes = this.lanes.filter((l) => l.kind === 'queue').length;
    this.lanes.forEach((l, i) => (l.kind === 'queue' ? this.laneOfQueue.set(l.queue, i) : this.laneOfCoroutine.set(l.coroutine, i)));
    this.canvas = h('canvas', {
      class: 'ls-tl-canvas',
      attrs: {
        tabindex: 0,
        role: 'img',
        'aria-label': `Timeline: ${this.queueLanes} queue lanes and ${this.lanes.length - this.queueLanes} coroutine lanes over ${ctx.trace.steps.length} steps. Click or drag to choose a step; plus and minus zoom.`,
        'data-lanes': this.lanes.length,
      },
    });
    this.spacer = h('div', { class: 'ls-tl-spacer' });
    this.scroller = h('div', { class: 'ls-tl-scroll' }, [this.canvas, this.spacer]);
    this.laneList = h('ul', { class: 'ls-sr-only ls-lane-list', attrs: { 'aria-label': 'Timeline lanes' } });
    this.lanes.slice(0, this.queueLanes + MAX_LISTED_LANES).forEach((l) => {
      this.laneList.appendChild(h('li', { text: l.label, attrs: { 'data-kind': l.kind, ...(l.kind === 'coroutine' ? { 'data-coroutine': l.coroutine } : { 'data-queue': l.queue }) } }));
    });
    this.el = h('section', { class: 'ls-panel ls-timeline', attrs: { 'aria-label': 'Timeline' } }, [
      h('div', { class: 'ls-panel-head' }, [
        h('h2', { class: 'ls-panel-title', text: 'Timeline' }),
        h('span', { class: 'ls-legend' }, [
          h('span', { class: 'ls-legend-run', text: 'running' }),
          h('span', { class: 'ls-legend-wait', text: 'await: suspended → resumed' }),
        ]),
        h('span', { class: 'ls-toolbar' }, [
          button({ icon: 'zoomOut', label: 'Zoom out the timeline', keys: '-', onClick: () => this.zoomAt(0.5) }),
          button({ icon: 'zoomIn', label: 'Zoom in the timeline', keys: '+', onClick: () => this.zoomAt(2) }),
          button({ icon: 'fit', label: 'Fit the whole run', keys: '0', onClick: () => this.fit() }),
        ]),
      ]),
      this.scroller,
      this.laneList,
    ]);
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

  destroy(): void {
    this.resize.disconnect();
    cancelAnimationFrame(this.frame);
  }

  /** Re-read colours and sizes (theme or font scale changed). */
  refreshTheme(): void {
    this.colors = undefined as unknown as Colors;
    this.layout();
  }

  update(step: number): void {
    this.step = step;
    this.follow();
    this.requestDraw();
  }

  private get lastStep(): number {
    return Math.max(0, this.ctx.trace.steps.length - 1);
  }

  private get plotWidth(): number {
    return Math.max(10, this.m.width - this.m.gutter);
  }

  private get visibleSteps(): number {
    return this.plotWidth / this.pxPerStep;
  }

  private fitPx(): number {
    return this.plotWidth / (this.lastStep + 1);
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
    const visibleLanes = Math.min(this.lanes.length, MAX_VISIBLE_LANES);
    const height = axis + Math.max(1, visibleLanes) * lane + 4;
    const width = Math.max(200, this.scroller.clientWidth);
    const gutter = Math.round(Math.min(width * 0.3, rem * 11));
    this.m = { rem, lane, axis, gutter, width, height };
    this.colors = this.readColors();
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.scroller.style.height = `${height}px`;
    this.spacer.style.height = `${Math.max(0, (this.lanes.length - visibleLanes) * lane)}px`;
    if (!this.fitted) {
      this.fitted = true;
      const fit = this.fitPx();
      if (fit >= 6) this.pxPerStep = Math.min(fit, rem * 3);
      else this.pxPerStep = Math.max(2, rem * 0.7);
      this.x0 = 0;
    }
    this.clampView();
    this.follow();
    this.draw();
  }

  private clampView(): void {
    const minPx = Math.min(this.fitPx(), this.m.rem * 3);
    this.pxPerStep = Math.max(minPx, Math.min(this.pxPerStep, this.m.rem * 4));
    const maxX0 = Math.max(0, this.lastStep + 1 - this.visibleSteps);
    this.x0 = Math.max(0, Math.min(this.x0, maxX0));
  }

  /** Keep the current step (and its coroutine's lane) in view. */
  private follow(): void {
    const vis = this.visibleSteps;
    if (this.step < this.x0 || this.step + 1 > this.x0 + vis) {
      this.x0 = this.step - vis * 0.3;
      this.clampView();
    }
    const s = this.ctx.trace.steps[this.step];
    const laneIdx = s && s.coroutine >= 0 ? this.laneOfCoroutine.get(s.coroutine) : undefined;
    if (laneIdx !== undefined && !this.scrubbing) {
      const rel = (laneIdx - this.queueLanes) * this.m.lane;
      const viewH = this.m.height - this.m.axis - this.queueLanes * this.m.lane;
      if (rel < this.scroller.scrollTop || rel + this.m.lane > this.scroller.scrollTop + viewH) this.scroller.scrollTop = Math.max(0, rel - viewH / 2);
    }
  }

  private zoomAt(factor: number, atX?: number): void {
    const anchorStep = atX === undefined ? this.step + 0.5 : this.x0 + (atX - this.m.gutter) / this.pxPerStep;
    const anchorX = atX ?? this.m.gutter + (anchorStep - this.x0) * this.pxPerStep;
    this.pxPerStep *= factor;
    this.clampView();
    this.x0 = anchorStep - (anchorX - this.m.gutter) / this.pxPerStep;
    this.clampView();
    this.requestDraw();
  }

  private fit(): void {
    this.pxPerStep = this.fitPx();
    this.x0 = 0;
    this.clampView();
    this.requestDraw();
  }

  private stepAtX(x: number): number {
    return Math.max(0, Math.min(this.lastStep, Math.floor(this.x0 + (x - this.m.gutter) / this.pxPerStep)));
  }

  /** Lane under a y coordinate (canvas CSS pixels), or -1. */
  private laneAtY(y: number): number {
    const { axis, lane } = this.m;
    if (y < axis) return -1;
    const pinned = axis + this.queueLanes * lane;
    if (y < pinned) return Math.floor((y - axis) / lane);
    const i = this.queueLanes + Math.floor((y - pinned + this.scroller.scrollTop) / lane);
    return i < this.lanes.length ? i : -1;
  }

  private laneY(i: number): number {
    const { axis, lane } = this.m;
    return i < this.queueLanes ? axis + i * lane : axis + i * lane - this.scroller.scrollTop;
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
      const lane = this.lanes[this.laneAtY(this.downAt.y)];
      const step = this.stepAtX(x);
      if (lane?.kind === 'queue') {
        const [span] = spansIn(lane.spans, step, step);
        const task = span && span.from <= step ? this.ctx.trace.tasks[span.task] : undefined;
        if (task?.source) this.ctx.select(step, task.source);
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
      this.x0 += (e.shiftKey ? e.deltaY || e.deltaX : e.deltaX) / this.pxPerStep;
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
    const lane = this.lanes[this.laneAtY(y)];
    if (!lane) return '';
    if (x < this.m.gutter) {
      if (lane.kind === 'queue') return `${lane.label}: ${lane.spans.length} tasks`;
      const c = this.ctx.trace.coroutines[lane.coroutine];
      return `${lane.label} (${c?.kind ?? 'coroutine'}, ${shortSource(c?.source ?? null)}): ${c?.awaits.length ?? 0} awaits. Click to go to its call.`;
    }
    const step = this.stepAtX(x);
    if (lane.kind === 'queue') {
      const [span] = spansIn(lane.spans, step, step);
      const t = span && span.from <= step ? this.ctx.trace.tasks[span.task] : undefined;
      return t ? `Task ${t.id} (${t.queue}): ${t.label}, steps ${t.startStep}–${t.endStep}` : `step ${step}`;
    }
    const [wait] = spansIn(lane.waits, step, step);
    if (wait && wait.from <= step) {
      const a = this.ctx.trace.coroutines[lane.coroutine]?.awaits[wait.await];
      return `${lane.label} suspended at ${shortSource(a?.source ?? null)} (step ${wait.from})${wait.resumed ? `, resumed at step ${wait.to}` : ', never resumed'}`;
    }
    const [run] = spansIn(lane.spans, step, step);
    return run && run.from <= step ? `${lane.label} running, steps ${run.from}–${run.to}` : `step ${step}`;
  }

  private requestDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const g = this.canvas.getContext('2d');
    if (!g || !this.el.isConnected) return;
    if (!this.colors) this.colors = this.readColors();
    const c = this.colors;
    const { width, height, gutter, lane, axis, rem } = this.m;
    const dpr = window.devicePixelRatio || 1;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = c.bg;
    g.fillRect(0, 0, width, height);
    const from = Math.max(0, Math.floor(this.x0));
    const to = Math.min(this.lastStep, Math.ceil(this.x0 + this.visibleSteps));
    const X = (step: number) => gutter + (step - this.x0) * this.pxPerStep;
    const fontPx = Math.round(rem * 0.85);
    g.font = `${fontPx}px ${c.font}`;
    g.textBaseline = 'middle';
    let drawn = 0;

    // axis: step numbers every 1, 2 or 5 x 10^k steps, at least ~70px apart
    const minGap = rem * 5;
    let every = 1;
    for (const mult of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000]) {
      every = mult;
      if (mult * this.pxPerStep >= minGap) break;
    }
    g.fillStyle = c.muted;
    g.strokeStyle = c.border;
    g.lineWidth = 1;
    for (let s = Math.ceil(from / every) * every; s <= to; s += every) {
      const x = Math.round(X(s)) + 0.5;
      g.beginPath();
      g.moveTo(x, axis - 5);
      g.lineTo(x, height);
      g.globalAlpha = 0.35;
      g.stroke();
      g.globalAlpha = 1;
      g.fillText(String(s), x + 3, axis / 2);
    }

    const drawLane = (i: number) => {
      const l = this.lanes[i];
      const y = this.laneY(i);
      const pad = Math.max(2, Math.round(lane * 0.14));
      const top = y + pad;
      const hgt = lane - 2 * pad;
      if (l.kind === 'queue') {
        const tasks = this.ctx.trace.tasks;
        drawn += this.drawSpans(g, l.spans, from, to, X, top, hgt, c.queue[l.queue], (s) => tasks[(s as TaskSpan).task]?.label ?? '', (s) => !!tasks[(s as TaskSpan).task]?.internal);
      } else {
        // waits first (a dashed line through the lane), then the running spans on top
        const mid = Math.round(y + lane / 2) + 0.5;
        g.strokeStyle = c.wait;
        g.lineWidth = 2;
        let lastRight = -Infinity;
        for (const w of spansIn(l.waits, from, to)) {
          const xa = X(w.from + 1);
          const xb = Math.max(xa, w.resumed ? X(w.to) : X(w.to + 1));
          // waits that end in a pixel column already drawn are skipped (zoomed far out): at most one per column
          if (Math.floor(xb) <= lastRight) continue;
          lastRight = Math.floor(xb);
          drawn++;
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
            g.fillText('never resumed', xa + 6, mid - hgt / 2);
          }
        }
        g.lineWidth = 1;
        drawn += this.drawSpans(g, l.spans, from, to, X, top, hgt, c.coroutine, () => l.label);
      }
    };

    // coroutine lanes scroll under the pinned queue lanes
    const pinnedBottom = axis + this.queueLanes * lane;
    g.save();
    g.beginPath();
    g.rect(0, pinnedBottom, width, height - pinnedBottom);
    g.clip();
    const firstCo = this.queueLanes + Math.floor(this.scroller.scrollTop / lane);
    const lastCo = Math.min(this.lanes.length - 1, firstCo + Math.ceil((height - pinnedBottom) / lane) + 1);
    for (let i = firstCo; i <= lastCo; i++) drawLane(i);
    g.restore();
    for (let i = 0; i < this.queueLanes; i++) drawLane(i);

    // lane separators and the label gutter (drawn last, over anything panned under it)
    g.fillStyle = c.gutter;
    g.fillRect(0, 0, gutter, height);
    g.strokeStyle = c.border;
    g.beginPath();
    g.moveTo(gutter - 0.5, 0);
    g.lineTo(gutter - 0.5, height);
    g.moveTo(0, axis - 0.5);
    g.lineTo(width, axis - 0.5);
    if (this.queueLanes < this.lanes.length) {
      g.moveTo(0, pinnedBottom - 0.5);
      g.lineTo(width, pinnedBottom - 0.5);
    }
    g.stroke();
    g.fillStyle = c.muted;
    g.fillText('step', 8, axis / 2);
    const label = (i: number) => {
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
    for (let i = 0; i < this.queueLanes; i++) label(i);
    g.save();
    g.beginPath();
    g.rect(0, pinnedBottom, gutter, height - pinnedBottom);
    g.clip();
    for (let i = firstCo; i <= lastCo; i++) label(i);
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
      const fromLane = by ? this.laneOfQueue.get(by.queue) : undefined;
      const toLane = this.laneOfQueue.get(task.queue);
      if (fromLane !== undefined && toLane !== undefined) {
        const x1 = X(task.enqueuedAt + 0.5);
        const y1 = this.laneY(fromLane) + lane / 2;
        const x2 = X(task.startStep);
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
    // races across awaits: a band from the read to the stale write, a tick at each moment, the kind and location
    let races = 0;
    for (const f of this.ctx.trace.findings) {
      if (!f.steps) continue;
      const first = f.steps.read;
      const last = f.steps.staleWrite ?? f.steps.otherWrite;
      if (last < from || first > to) continue;
      races++;
      const x1 = Math.max(gutter, X(first));
      const x2 = Math.max(x1 + 2, X(last + 1));
      g.fillStyle = 'rgba(220, 60, 60, 0.13)';
      g.fillRect(x1, axis, x2 - x1, height - axis);
      g.strokeStyle = 'rgba(200, 40, 40, 0.85)';
      g.lineWidth = 2;
      for (const m of [f.steps.read, f.steps.suspend, f.steps.otherWrite, f.steps.staleWrite]) {
        if (m === null || m < from || m > to) continue;
        const xm = Math.round(X(m + 0.5));
        g.beginPath();
        g.moveTo(xm, axis);
        g.lineTo(xm, height);
        g.stroke();
      }
      g.fillStyle = c.fg;
      g.fillText(`${f.kind.replace(/-/g, ' ')}: ${f.location ?? ''}`, x1 + 4, axis + fontPx);
    }
    this.canvas.dataset.races = String(races);
    // current task outline and the current step line
    if (task) {
      const li = this.laneOfQueue.get(task.queue);
      if (li !== undefined) {
        g.strokeStyle = c.fg;
        g.lineWidth = 2;
        const pad = Math.max(2, Math.round(lane * 0.14));
        g.strokeRect(X(task.startStep) - 1, this.laneY(li) + pad - 1, Math.max(2, (task.endStep - task.startStep + 1) * this.pxPerStep) + 2, lane - 2 * pad + 2);
      }
    }
    g.restore();
    const xs = X(this.step + 0.5);
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
    this.canvas.dataset.range = `${from}-${to}`;
  }

  /** Draw the visible spans of one lane; spans that would share a pixel are merged. Returns how many were drawn. */
  private drawSpans(
    g: CanvasRenderingContext2D, spans: readonly Span[], from: number, to: number, X: (s: number) => number, top: number, hgt: number, color: string,
    labelOf: (s: Span) => string, dim?: (s: Span) => boolean,
  ): number {
    let lastRight = -Infinity;
    let n = 0;
    const wide: { x: number; w: number; s: Span }[] = [];
    g.fillStyle = color;
    for (const s of spansIn(spans, from, to)) {
      let xa = X(s.from);
      const xb = Math.max(xa + 1, X(s.to + 1) - 1);
      // at most one span per pixel column: zoomed far out, thousands of tasks share a pixel
      if (Math.floor(xb) <= lastRight) continue;
      xa = Math.max(xa, lastRight);
      // Node's own tasks: drawn faint, so the user's tasks stand out
      const faint = dim?.(s) ?? false;
      if (faint) g.globalAlpha = 0.3;
      g.fillRect(xa, top, xb - xa, hgt);
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
        g.save();
        g.beginPath();
        g.rect(x, top, w, hgt);
        g.clip();
        g.fillText(labelOf(s), Math.max(x, this.m.gutter) + 4, top + hgt / 2 + 1);
        g.restore();
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
