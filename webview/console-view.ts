// The program's output, each write tied to the step that printed it. Clicking a line goes to that step. Lines not
// printed yet are dimmed, or hidden in "predict" mode so a class can guess the next line before it appears.
import { shortSource } from '../src/core/stepping';
import { h } from './dom';
import type { ViewContext } from './context';

/** Beyond this many writes the oldest are not drawn (the trace keeps them all). */
const MAX_LINES = 20_000;

export class ConsoleView {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly lines: HTMLButtonElement[] = [];
  /** index of the first line drawn (when the output is longer than MAX_LINES) */
  private readonly offset: number;
  private printed = -1;
  private current = -1;
  private hideFuture = false;

  constructor(private readonly ctx: ViewContext) {
    const out = ctx.index.output;
    this.offset = Math.max(0, out.length - MAX_LINES);
    this.list = h('div', { class: 'ls-console-lines', attrs: { role: 'list', 'aria-label': 'Program output' } });
    for (let i = this.offset; i < out.length; i++) {
      const o = out[i];
      const text = o.text.replace(/\r?\n$/, '');
      const src = shortSource(o.source);
      const b = h(
        'button',
        {
          class: `ls-out ls-${o.stream}`,
          title: `${o.stream}${src ? `, ${src}` : ''}: go to this step`,
          attrs: { type: 'button', role: 'listitem', 'data-step': o.step, 'aria-label': `${o.stream === 'stderr' ? 'stderr: ' : ''}${text}` },
          on: { click: () => ctx.select(o.step, o.source) },
        },
        [h('span', { class: 'ls-out-step' }), h('span', { class: 'ls-out-text', text: text + (o.truncated ? ' …(cut)' : '') })],
      );
      this.lines.push(b);
      this.list.appendChild(b);
    }
    if (out.length === 0) this.list.appendChild(h('p', { class: 'ls-empty', text: 'The program printed nothing.' }));
    if (this.offset > 0) this.list.prepend(h('p', { class: 'ls-empty', text: `${this.offset} earlier writes not shown` }));
    this.relabel();
    // a resize (Presentation Mode, a narrower window) must not leave the current line out of view
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.keepInView()).observe(this.list);
    if (ctx.trace.program.outputTruncated) this.list.appendChild(h('p', { class: 'ls-empty', text: 'Output was cut to fit the trace.' }));
    const predict = h('input', { attrs: { type: 'checkbox', id: 'ls-predict' }, on: { change: () => ctx.setPredict(predict.checked) } });
    this.predictBox = predict as HTMLInputElement;
    this.el = h('section', { class: 'ls-panel ls-console', attrs: { 'aria-label': 'Console' } }, [
      h('div', { class: 'ls-panel-head' }, [
        h('h2', { class: 'ls-panel-title', text: 'Console' }),
        h('label', { class: 'ls-check', title: 'Hide output that has not been printed yet at this step, to predict it' }, [predict, h('span', { text: 'Hide future output' })]),
      ]),
      this.list,
    ]);
  }

  private predictBox: HTMLInputElement;

  /** Number each line by the step that printed it, as the step counter numbers it in the current mode. */
  relabel(): void {
    for (const line of this.lines) {
      const n = this.ctx.index.stepNumber(Number(line.dataset.step));
      (line.firstChild as HTMLElement).textContent = `#${n}`;
      line.title = `${line.title.replace(/ \(step \d+\)$/, '')} (step ${n})`;
    }
  }

  setHideFuture(on: boolean): void {
    this.hideFuture = on;
    this.predictBox.checked = on;
    this.el.classList.toggle('ls-predict', on);
  }

  update(step: number): void {
    const printed = this.ctx.index.outputCountAt(step) - this.offset;
    if (this.printed < 0) {
      this.lines.forEach((l, i) => l.classList.toggle('ls-future', i >= printed));
    } else {
      // only the lines between the old and new boundary change: O(change), not O(output)
      for (let i = Math.max(0, Math.min(printed, this.printed)); i < Math.min(this.lines.length, Math.max(printed, this.printed)); i++) {
        this.lines[i].classList.toggle('ls-future', i >= printed);
      }
    }
    this.printed = printed;
    const cur = printed > 0 && this.lines[printed - 1] && Number(this.lines[printed - 1].dataset.step) === step ? printed - 1 : -1;
    if (cur !== this.current) {
      this.lines[this.current]?.classList.remove('ls-current');
      this.lines[cur]?.classList.add('ls-current');
      this.current = cur;
    }
  }

  /** After every view has changed the page: the newest printed line stays in view. */
  settle(): void {
    this.keepInView();
  }

  /** Keep the newest printed line in view, scrolling only the console, never the page. */
  private keepInView(): void {
    const printed = this.printed;
    const last = this.lines[printed - 1];
    if (last) {
      const top = last.offsetTop; // the list is position: relative, so this is relative to it
      if (top < this.list.scrollTop || top + last.offsetHeight > this.list.scrollTop + this.list.clientHeight) {
        this.list.scrollTop = Math.max(0, top - this.list.clientHeight + last.offsetHeight + 8);
      }
    } else this.list.scrollTop = 0;
  }

  get hidingFuture(): boolean {
    return this.hideFuture;
  }
}
