// The sequence diagram (mermaid) of the window that holds the current step. mermaid.render blocks the page for
// hundreds of milliseconds on big windows, so: renders are debounced, one at a time, stale results dropped, SVGs cached
// per (theme, window, highlighted step); the current message is outlined at once on the SVG already shown, and the
// window is re-rendered with mermaid's own highlight (current step passed to the generator) once stepping settles.
import type { Mermaid, MermaidConfig } from 'mermaid';
import { diagramPages, windowIndexForStep, highlightedWindowText, elementForStep, MERMAID_MAX_TEXT, type DiagramPages } from '../src/core/diagram-pages';
import type { DiagramWindow } from '../src/core/mermaid';
import { sourceOfStep } from '../src/core/stepping';
import { h, button, clear, fileName } from './dom';
import { isDark, type ThemeKind } from './theme';
import type { ViewContext } from './context';
import type { DiagramTheme } from '../src/protocol';

/** Traces with more steps than this get their windows computed after the first paint. */
const LAZY_PAGES = 5_000;
const CACHE_SIZE = 16;
/** Marks a cache entry that holds an error message instead of an SVG. */
const FAILED = '\u0000failed:';

let mermaidTheme: string | null = null;
/** The mermaid theme: the one the settings ask for, else dark or default after the editor's (or system's) theme. */
function themeFor(theme: ThemeKind, setting: DiagramTheme | undefined): string {
  return setting && setting !== 'auto' ? setting : isDark(theme) ? 'dark' : 'default';
}

/**
 * mermaid (1.3 MB: the sequence diagram only) is never part of the first paint. In VS Code it is a separate async script; in the HTML report it
 * sits gzipped in a data element (#loopscope-mermaid) and is unpacked and run, with the page's nonce, only when the
 * diagram is wanted (its tab is shown, or the page is idle after the first paint). The diagram waits for it here.
 */
let mermaidLoaded: Promise<Mermaid> | null = null;
function loadMermaid(): Promise<Mermaid> {
  mermaidLoaded ??= (async () => {
    const packed = document.getElementById('loopscope-mermaid');
    if (packed && !globalMermaid()) await runPacked(packed.textContent ?? '');
    return new Promise<Mermaid>((resolve) => {
      const poll = () => {
        const m = globalMermaid();
        if (m) resolve(m);
        else setTimeout(poll, 25);
      };
      poll();
    });
  })();
  return mermaidLoaded;
}

function globalMermaid(): Mermaid | undefined {
  return (window as unknown as { mermaid?: Mermaid }).mermaid;
}

/** Unpack base64 gzip to script text and run it as a script carrying the page's own nonce (the CSP allows no other). */
async function runPacked(base64: string): Promise<void> {
  const binary = atob(base64.trim());
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const js = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
  const script = document.createElement('script');
  script.nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';
  script.textContent = js;
  document.head.appendChild(script);
}

/** Run `fn` once the page is idle (after the first paint), or after `fallbackMs` where idle callbacks do not exist. */
function whenIdle(fn: () => void, fallbackMs = 300): void {
  const w = window as unknown as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number };
  if (w.requestIdleCallback) w.requestIdleCallback(fn, { timeout: 2000 });
  else setTimeout(fn, fallbackMs);
}

function initMermaid(mermaid: Mermaid, wanted: string): void {
  if (mermaidTheme === wanted) return;
  mermaidTheme = wanted;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    deterministicIds: true,
    deterministicIDSeed: 'loopscope',
    suppressErrorRendering: true,
    maxTextSize: MERMAID_MAX_TEXT,
    theme: wanted as MermaidConfig['theme'],
    // mermaid's dark theme draws note text at 4.49:1 on its note colour: lighter text holds 4.5:1 (measured by the tests)
    ...(wanted === 'dark' ? { themeVariables: { noteTextColor: '#e0e0e0' } } : {}),
    sequence: { useMaxWidth: false, wrap: false },
  });
}

let renderCounter = 0;

export class DiagramView {
  readonly el: HTMLElement;
  private readonly box: HTMLElement;
  private readonly status: HTMLElement;
  private readonly title: HTMLElement;
  private readonly prevBtn: HTMLButtonElement;
  private readonly nextBtn: HTMLButtonElement;
  private pages: DiagramPages | null = null;
  private pagesTimer = 0;
  private step = 0;
  /** what the box shows now */
  private shown: { key: string; window: number; mark: number | null } | null = null;
  private renderTimer = 0;
  private rendering = false;
  private wantAgain = false;
  private readonly cache = new Map<string, string>();
  private messages: Element[] = [];
  private messageTexts: Element[] = [];
  private notes: Element[] = [];
  private currentEls: Element[] = [];
  private destroyed = false;
  private shownScale = 1;
  /** the diagram's tab is shown: only then does stepping re-render (a hidden diagram is drawn once, when idle) */
  private visible = false;
  private prefetched = false;

  constructor(private readonly ctx: ViewContext) {
    this.title = h('span', { class: 'ls-window-title', attrs: { 'aria-live': 'polite' } });
    this.prevBtn = button({ icon: 'prev', label: 'Previous diagram window', keys: '[', onClick: () => this.goWindow(-1) });
    this.nextBtn = button({ icon: 'next', label: 'Next diagram window', keys: ']', onClick: () => this.goWindow(1) });
    this.status = h('p', { class: 'ls-diagram-status', attrs: { role: 'status' } });
    this.box = h('div', { class: 'ls-diagram-box', attrs: { tabindex: 0, 'aria-label': 'Sequence diagram; messages are buttons that go to their step' } });
    this.box.addEventListener('click', (e) => this.onClick(e));
    this.box.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && this.onClick(e)) e.preventDefault();
    });
    this.el = h('section', { class: 'ls-panel ls-diagram', attrs: { 'aria-label': 'Sequence diagram' } }, [
      h('div', { class: 'ls-panel-head' }, [
        h('h2', { class: 'ls-panel-title', text: 'Sequence diagram' }),
        h('span', { class: 'ls-toolbar' }, [this.prevBtn, this.title, this.nextBtn]),
        h('span', { class: 'ls-toolbar ls-export' }, [
          button({ text: 'Mermaid', label: 'Export this window as mermaid text', onClick: () => this.exportMermaid() }),
          button({ text: 'SVG', label: 'Export this window as SVG', onClick: () => this.exportSvg() }),
          button({ text: 'PNG', label: 'Export this window as PNG', onClick: () => void this.exportPng() }),
        ]),
      ]),
      this.status,
      h('p', { class: 'ls-predict-note', text: 'Hidden while predicting the output: the diagram shows what the whole run printed. Turn off "Hide future output" to see it.' }),
      this.box,
    ]);
  }

  /** Its tab was shown or hidden. Shown: draw the current window now. Hidden: draw nothing while stepping. */
  setVisible(on: boolean): void {
    if (on === this.visible) return;
    this.visible = on;
    if (on) this.update(this.step);
  }

  /** After the first paint, when the page is idle: load mermaid and draw the current window, so showing the tab is quick. */
  prefetch(): void {
    if (this.prefetched) return;
    this.prefetched = true;
    whenIdle(() => {
      if (this.destroyed) return;
      loadMermaid().then(
        () => {
          if (!this.destroyed && !this.shown) this.schedule(0);
        },
        // the render that needs it says why it failed, when the tab is shown
        () => undefined,
      );
    });
  }

  /** Predict the output: the diagram holds every line the program printed, so it is not shown. */
  setHideFuture(on: boolean): void {
    this.el.classList.toggle('ls-predicting', on);
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.renderTimer);
    clearTimeout(this.pagesTimer);
  }

  /** Window size or theme changed: start over. */
  reset(): void {
    this.pages = null;
    this.shown = null;
    this.cache.clear();
    mermaidTheme = null;
    this.update(this.step);
  }

  refreshTheme(): void {
    this.shown = null;
    this.update(this.step);
  }

  update(step: number): void {
    this.step = step;
    if (!this.pages) {
      if (this.ctx.trace.steps.length > LAZY_PAGES) {
        // a big trace's windows take a while to compute: only when the diagram is wanted (its tab is shown)
        if (!this.visible) return;
        if (!this.pagesTimer) {
          this.status.textContent = 'Preparing the sequence diagram…';
          this.pagesTimer = window.setTimeout(() => {
            this.pagesTimer = 0;
            if (this.destroyed) return;
            this.pages = diagramPages(this.ctx.trace, this.ctx.settings.windowSize);
            this.update(this.step);
          }, 50);
        }
        return;
      }
      this.pages = diagramPages(this.ctx.trace, this.ctx.settings.windowSize);
    }
    const idx = windowIndexForStep(this.pages, step);
    const w = this.pages.windows[idx];
    const n = this.pages.windows.length;
    const num = (x: number) => this.ctx.index.stepNumber(x);
    this.title.textContent = w.toStep >= w.fromStep ? `Window ${idx + 1} of ${n} · steps ${num(w.fromStep)}–${num(w.toStep)}` : 'no steps recorded';
    this.prevBtn.disabled = idx === 0;
    this.nextBtn.disabled = idx >= n - 1;
    if (!this.visible) return;
    if (this.shown && this.shown.window === idx) {
      this.markCurrent(w);
      if (this.shown.mark !== this.wantedMark()) {
        this.box.classList.add('ls-mark-stale');
        this.schedule(this.ctx.playing ? 0 : 250);
      }
    } else this.schedule(this.shown ? 40 : 0);
  }

  /** The step mermaid should highlight: none while playing (the outline follows instead of re-rendering). */
  private wantedMark(): number | null {
    return this.ctx.playing ? null : this.step;
  }

  private schedule(delay: number): void {
    clearTimeout(this.renderTimer);
    this.renderTimer = window.setTimeout(() => void this.render(), delay);
  }

  private goWindow(delta: number): void {
    if (!this.pages) return;
    const idx = windowIndexForStep(this.pages, this.step) + delta;
    const w = this.pages.windows[idx];
    if (w) this.ctx.goTo(w.fromStep);
  }

  /** Render the window for the current step (one render at a time; a newer request supersedes the result). */
  private async render(): Promise<void> {
    if (!this.pages || this.destroyed) return;
    if (this.rendering) {
      this.wantAgain = true;
      return;
    }
    const idx = windowIndexForStep(this.pages, this.step);
    const w = this.pages.windows[idx];
    const mark = this.wantedMark();
    const theme = themeFor(this.ctx.theme, this.ctx.settings.diagramTheme);
    const key = `${theme}|${this.pages.windowSize}|${idx}|${mark ?? '-'}`;
    if (this.shown?.key === key && this.shownScale === this.ctx.settings.fontScale) {
      this.box.classList.remove('ls-mark-stale');
      this.markCurrent(w);
      return;
    }
    let svg = this.cache.get(key);
    if (svg === undefined) {
      const text = mark === null ? w.text : highlightedWindowText(this.ctx.trace, this.pages, idx, mark);
      if (text.length >= MERMAID_MAX_TEXT) {
        svg = `${FAILED}This window is too big to draw (${text.length} characters; mermaid's limit is ${MERMAID_MAX_TEXT}). Use a smaller window size.`;
      } else {
        this.rendering = true;
        const started = performance.now();
        try {
          if (!globalMermaid()) this.box.dataset.loading = 'true';
          const mermaid = await loadMermaid();
          delete this.box.dataset.loading;
          initMermaid(mermaid, theme);
          await mermaid.parse(text);
          svg = (await mermaid.render(`ls-mmd-${++renderCounter}`, text)).svg;
          this.el.dataset.renderMs = String(Math.round(performance.now() - started));
        } catch (err) {
          svg = `${FAILED}The diagram could not be drawn: ${err instanceof Error ? err.message : String(err)}`;
          console.warn('Loopscope: mermaid failed on this text:\n' + text, err);
        }
        this.rendering = false;
      }
      // failures are cached too, so a bad window is not re-rendered on every step
      this.cache.set(key, svg);
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
      if (this.destroyed) return;
      if (this.wantAgain) {
        // the step moved on while mermaid was busy: this result may be stale, so ask again (it is cached now)
        this.wantAgain = false;
        void this.render();
        return;
      }
    }
    if (svg.startsWith(FAILED)) {
      clear(this.box);
      this.messages = [];
      this.messageTexts = [];
      this.notes = [];
      this.shown = { key, window: idx, mark };
      this.showError(svg.slice(FAILED.length));
      return;
    }
    this.show(svg, key, idx, mark, w);
  }

  private show(svg: string, key: string, idx: number, mark: number | null, w: DiagramWindow): void {
    const keepTop = this.shown?.window === idx ? this.box.scrollTop : 0;
    const keepLeft = this.shown?.window === idx ? this.box.scrollLeft : 0;
    clear(this.box);
    // mermaid's output is sanitized (securityLevel strict); labels were escaped by the generator
    this.box.innerHTML = svg;
    this.status.textContent = '';
    this.status.classList.remove('ls-error');
    this.box.classList.remove('ls-mark-stale');
    this.shown = { key, window: idx, mark };
    this.shownScale = this.ctx.settings.fontScale;
    // when it was drawn (performance.now()), for the tests that hold the diagram to a time bound
    this.el.dataset.drawnAt = String(Math.round(performance.now()));
    const el = this.box.querySelector('svg');
    if (el) {
      // draw at natural size times the presentation scale (scroll for the rest), not shrunk to the panel
      const vb = el.viewBox.baseVal;
      const scale = this.ctx.settings.fontScale;
      if (vb && vb.width > 0) {
        el.style.maxWidth = 'none';
        el.setAttribute('width', String(Math.round(vb.width * scale)));
        el.setAttribute('height', String(Math.round(vb.height * scale)));
      }
      el.setAttribute('role', 'img');
      el.setAttribute('aria-label', `Sequence diagram, steps ${w.fromStep} to ${w.toStep}`);
    }
    if (el) this.addStickyHeads(el);
    this.messages = [...this.box.querySelectorAll('[data-et="message"]')];
    this.messageTexts = [...this.box.querySelectorAll('text.messageText')];
    this.notes = [...this.box.querySelectorAll('[data-et="note"]')];
    this.el.dataset.messages = String(this.messages.length);
    const label = (step: number) => this.ctx.trace.steps[step]?.text ?? '';
    // every message and note is a button to its step
    for (const [els, steps] of [[this.messageTexts, w.messageSteps], [this.notes, w.noteSteps]] as const) {
      els.forEach((el, i) => {
        const step = steps[i];
        if (step === undefined) return;
        el.setAttribute('tabindex', '0');
        el.setAttribute('role', 'button');
        el.setAttribute('aria-label', `Go to step ${step}: ${label(step)}`);
      });
    }
    this.box.scrollTop = keepTop;
    this.box.scrollLeft = keepLeft;
    this.currentEls = [];
    this.markCurrent(w);
    if (this.shown.mark !== this.wantedMark()) this.box.classList.add('ls-mark-stale');
  }

  /**
   * Participant names pinned to the top of the box once the diagram's own header has scrolled away, so a lifeline
   * can still be told apart in the middle of a long window.
   */
  private addStickyHeads(svg: SVGSVGElement): void {
    const svgRect = svg.getBoundingClientRect();
    const boxRect = this.box.getBoundingClientRect();
    const offset = svgRect.left - boxRect.left + this.box.scrollLeft - this.box.clientLeft;
    const heads = h('div', { class: 'ls-heads', attrs: { 'aria-hidden': 'true' } });
    const seen = new Set<number>();
    let headerBottom = 0;
    for (const p of svg.querySelectorAll<SVGGraphicsElement>('[data-et="participant"]')) {
      const r = p.getBoundingClientRect();
      const center = Math.round(r.left - svgRect.left + r.width / 2);
      // mermaid draws each participant twice (top and bottom): keep the top one
      if (seen.has(center)) continue;
      seen.add(center);
      headerBottom = Math.max(headerBottom, r.bottom - svgRect.top);
      const name = p.querySelector('text')?.textContent ?? '';
      const head = h('span', { class: 'ls-head', text: name });
      head.style.left = `${offset + center}px`;
      heads.appendChild(head);
    }
    this.box.insertBefore(heads, svg);
    const sync = () => heads.classList.toggle('ls-heads-on', this.box.scrollTop > headerBottom);
    this.box.onscroll = sync;
    sync();
  }

  /** Outline the element drawn for the current step and scroll the box (only the box) to it. */
  private markCurrent(w: DiagramWindow): void {
    for (const el of this.currentEls) el.classList.remove('ls-current');
    this.currentEls = [];
    const found = elementForStep(w, this.step);
    if (!found) return;
    const els = found.kind === 'message' ? [this.messages[found.index], this.messageTexts[found.index]] : [this.notes[found.index]];
    for (const el of els) {
      if (!el) continue;
      el.classList.add('ls-current');
      this.currentEls.push(el);
    }
    // scroll by the label (what people read), not the arrow, which may span the whole diagram
    const target = (found.kind === 'message' ? this.messageTexts[found.index] : this.notes[found.index]) as SVGGraphicsElement | undefined;
    if (!target || typeof target.getBoundingClientRect !== 'function') return;
    const r = target.getBoundingClientRect();
    const b = this.box.getBoundingClientRect();
    if (r.top < b.top + 40 || r.bottom > b.bottom - 20) this.box.scrollTop += r.top - b.top - b.height / 3;
    if (r.left < b.left || r.right > b.right) this.box.scrollLeft += r.left + r.width / 2 - (b.left + b.width / 2);
  }

  /** A click (or Enter) on a message or note: go to its step and reveal its source. Returns true if it hit one. */
  private onClick(e: Event): boolean {
    if (!this.pages || !this.shown) return false;
    const w = this.pages.windows[this.shown.window];
    const target = e.target instanceof Element ? e.target : null;
    if (!target) return false;
    let step: number | undefined;
    const msg = target.closest('[data-et="message"], text.messageText');
    if (msg) {
      const list = msg.matches('text.messageText') ? this.messageTexts : this.messages;
      step = w.messageSteps[list.indexOf(msg)];
    } else {
      const note = target.closest('[data-et="note"]');
      if (note) step = w.noteSteps[this.notes.indexOf(note)];
    }
    if (step === undefined || step < 0) return false;
    this.ctx.select(step, sourceOfStep(this.ctx.trace, step));
    return true;
  }

  private showError(message: string): void {
    this.status.textContent = message;
    this.status.classList.add('ls-error');
  }

  private baseName(): string {
    const idx = this.shown?.window ?? 0;
    return `${fileName(this.ctx.trace.program.entry).replace(/\.[^.]*$/, '') || 'trace'}-diagram-${idx + 1}`;
  }

  private exportMermaid(): void {
    if (!this.pages) return;
    const idx = windowIndexForStep(this.pages, this.step);
    this.ctx.exportFile({ format: 'mermaid', fileName: `${this.baseName()}.mmd`, data: highlightedWindowText(this.ctx.trace, this.pages, idx, this.step) });
  }

  private svgText(): string | null {
    const svg = this.box.querySelector('svg');
    if (!svg) return null;
    const copy = svg.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    for (const el of copy.querySelectorAll('.ls-current')) el.classList.remove('ls-current');
    return new XMLSerializer().serializeToString(copy);
  }

  private exportSvg(): void {
    const text = this.svgText();
    if (text) this.ctx.exportFile({ format: 'svg', fileName: `${this.baseName()}.svg`, data: text });
  }

  private async exportPng(): Promise<void> {
    const text = this.svgText();
    const svg = this.box.querySelector('svg');
    if (!text || !svg) return;
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
    await img.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round((Number(svg.getAttribute('width')) || img.width) * scale));
    canvas.height = Math.max(1, Math.round((Number(svg.getAttribute('height')) || img.height) * scale));
    const g = canvas.getContext('2d');
    if (!g) return;
    g.fillStyle = getComputedStyle(this.box).backgroundColor || '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    this.ctx.exportFile({ format: 'png', fileName: `${this.baseName()}.png`, data: canvas.toDataURL('image/png') });
  }
}
