// The current step's code beside the event loop: the lines around it, the line itself highlighted, so the picture
// needs no second window. The text comes from the host (the files the trace points into); without it the view says so.
import type { SourceSite } from '../src/core/trace-format';
import type { LoopState } from '../src/core/timeline';
import { sourceOfStep, shortSource } from '../src/core/stepping';
import { h, clear, fileName } from './dom';
import type { ViewContext } from './context';

/** Lines drawn around the current line (the box shows as many as fit, centred on it). */
const AROUND = 40;

export class CodeView {
  readonly el: HTMLElement;
  private readonly title: HTMLElement;
  private readonly box: HTMLElement;
  private readonly lines = new Map<string, string[]>();
  private shown: { file: string; from: number; to: number } | null = null;
  /** a line asked for by a file:line link (the report has no editor): shown until the step changes */
  private pinned: { site: SourceSite; step: number } | null = null;

  constructor(private readonly ctx: ViewContext) {
    this.title = h('span', { class: 'ls-code-file' });
    this.box = h('div', { class: 'ls-code-lines', attrs: { role: 'list', 'aria-label': 'Source around the current step' } });
    this.el = h('section', { class: 'ls-panel ls-code', attrs: { 'aria-label': 'Code' } }, [h('div', { class: 'ls-panel-head' }, [h('h2', { class: 'ls-panel-title', text: 'Code' }), this.title]), this.box]);
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.centre()).observe(this.box);
  }

  private fileLines(file: string): string[] | null {
    let lines = this.lines.get(file);
    if (!lines) {
      const text = this.ctx.sources[file];
      if (typeof text !== 'string') return null;
      lines = text.split(/\r?\n/);
      this.lines.set(file, lines);
    }
    return lines;
  }

  /** Show `site` instead of the step's own line until the current step moves away from `step`. */
  pin(site: SourceSite, step: number): void {
    this.pinned = { site, step };
  }

  /** The line to show: a pinned one, else the step's own, else the innermost frame's, else where the running callback was scheduled. */
  private siteFor(step: number, state: LoopState): { site: SourceSite; exact: boolean } | null {
    if (this.pinned && this.pinned.step !== step) this.pinned = null;
    if (this.pinned) return { site: this.pinned.site, exact: true };
    const own = sourceOfStep(this.ctx.trace, step);
    if (own) return { site: own, exact: true };
    for (let i = state.stack.length - 1; i >= 0; i--) {
      const src = state.stack[i].source;
      if (src) return { site: src, exact: false };
    }
    const task = this.ctx.trace.tasks[state.task];
    if (task?.source) return { site: task.source, exact: false };
    // the main script before its first line ran: its file, from the top
    return task?.queue === 'main' ? { site: { file: this.ctx.trace.program.entry, line: 1, column: 1 }, exact: false } : null;
  }

  update(step: number, state: LoopState): void {
    const at = this.siteFor(step, state);
    const lines = at ? this.fileLines(at.site.file) : null;
    this.el.classList.toggle('ls-code-none', !lines);
    if (!at || !lines) {
      this.shown = null;
      this.title.textContent = at ? shortSource(at.site) : '';
      clear(this.box);
      this.box.appendChild(h('p', { class: 'ls-empty', text: at ? `The text of ${fileName(at.site.file)} is not in this trace.` : 'This step has no line of your code (Node ran it).' }));
      return;
    }
    const line = Math.max(1, Math.min(at.site.line, lines.length));
    this.title.textContent = `${fileName(at.site.file)}:${line}`;
    this.title.title = at.site.file;
    const from = Math.max(1, line - AROUND);
    const to = Math.min(lines.length, line + AROUND);
    if (!this.shown || this.shown.file !== at.site.file || line - 8 < this.shown.from || line + 8 > this.shown.to) {
      clear(this.box);
      for (let n = from; n <= to; n++) {
        const src: SourceSite = { file: at.site.file, line: n, column: 1 };
        this.box.appendChild(
          h('div', { class: 'ls-code-line', attrs: { role: 'listitem', 'data-line': n }, on: { dblclick: () => this.ctx.select(step, src) } }, [
            h('span', { class: 'ls-code-no', text: String(n), attrs: { 'aria-hidden': 'true' } }),
            h('code', { class: 'ls-code-text', text: lines[n - 1] || ' ' }),
          ]),
        );
      }
      this.shown = { file: at.site.file, from, to };
    }
    for (const el of this.box.querySelectorAll('.ls-code-current')) {
      el.classList.remove('ls-code-current', 'ls-code-context');
      el.removeAttribute('aria-current');
    }
    const cur = this.box.querySelector<HTMLElement>(`[data-line="${line}"]`);
    if (cur) {
      cur.classList.add('ls-code-current');
      // a frame's line (not the step's own) is marked more quietly
      cur.classList.toggle('ls-code-context', !at.exact);
      cur.setAttribute('aria-current', 'step');
      this.needsCentre = true;
    }
  }

  /** After every view has changed the page (one layout for all): the current line is centred. */
  settle(): void {
    if (this.needsCentre) this.centre();
    this.needsCentre = false;
  }
  private needsCentre = false;

  /** Centre the current line in the box, scrolling only the box. */
  private centre(): void {
    const cur = this.box.querySelector<HTMLElement>('.ls-code-current');
    if (cur) this.box.scrollTop = Math.max(0, cur.offsetTop - this.box.clientHeight / 2 + cur.offsetHeight / 2);
  }
}
