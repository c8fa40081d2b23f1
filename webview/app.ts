// The viewer: program info, step controls, the current step and why it ran, and the four views (event loop, console,
// timeline, sequence diagram), all driven by one current step. The same code runs in the HTML report and in VS Code;
// what differs is the Host it is given.
import type { Trace, SourceSite } from '../src/core/trace-format';
import { stateAt, whyThisRan } from '../src/core/timeline';
import { diagramMarkdown } from '../src/core/mermaid';
import { toPerfetto } from '../src/core/perfetto';
import { StepIndex, sourceOfStep, shortSource, type StepMode } from '../src/core/stepping';
import { DEFAULT_SETTINGS, SETTING_LIMITS, clampSettings, HOST_EXPORTS, type ExportFile, type HostExportFormat, type ViewSettings } from '../src/protocol';
import { h, button, clear, download, fileName, icon, ensureStyles } from './dom';
import { currentTheme, watchTheme, type ThemeKind } from './theme';
import { LoopView } from './loop-view';
import { ConsoleView } from './console-view';
import { TimelineView } from './timeline-view';
import { DiagramView } from './diagram-view';
import { CodeView } from './code-view';
import { KIND_WORD, plural, taskTitle, timerNote } from './words';
import { loopName } from '../src/core/loops';
import { ROLE_WORDS } from '../src/core/findings';
import type { Host, ViewContext } from './context';

export type { Host } from './context';

const SPEEDS = [0.5, 1, 2, 4, 8, 16, 32, 64];
const MIME: Record<ExportFile['format'], string> = {
  mermaid: 'text/plain',
  svg: 'image/svg+xml',
  png: 'image/png',
  json: 'application/json',
  lstrace: 'application/octet-stream',
  markdown: 'text/markdown',
  perfetto: 'application/json',
  html: 'text/html',
};

export class App implements ViewContext {
  readonly index: StepIndex;
  settings: ViewSettings;
  theme: ThemeKind;
  playing = false;
  private current = 0;
  private notified = -1;
  private frame = 0;
  private playTimer = 0;
  private readonly root: HTMLElement;
  private readonly loop: LoopView;
  private readonly console: ConsoleView;
  /** made when its tab is first shown: its lanes cost time on a big trace that the first paint need not pay */
  private timeline: TimelineView | null = null;
  private readonly timelineSlot: HTMLElement;
  private readonly diagram: DiagramView;
  private readonly code: CodeView;
  private readonly tabs: { button: HTMLButtonElement; panel: HTMLElement }[] = [];
  private readonly ui: {
    slider: HTMLInputElement;
    counter: HTMLElement;
    play: HTMLButtonElement;
    speed: HTMLSelectElement;
    kind: HTMLElement;
    text: HTMLElement;
    source: HTMLButtonElement;
    task: HTMLElement;
    scheduled: HTMLButtonElement;
    why: HTMLElement;
    buttons: Record<string, HTMLButtonElement>;
  };
  private readonly stopTheme: () => void;
  private readonly onKey = (e: KeyboardEvent) => this.handleKey(e);

  constructor(
    mount: HTMLElement,
    readonly trace: Trace,
    private readonly host: Host,
    settings: Partial<ViewSettings> = {},
    initialStep = 0,
    /** the text of the traced program's files, by path, for the code beside the event loop */
    readonly sources: Readonly<Record<string, string>> = {},
  ) {
    ensureStyles();
    this.settings = { ...DEFAULT_SETTINGS, ...clampSettings(settings) };
    this.theme = currentTheme();
    this.index = new StepIndex(trace);
    this.current = this.index.clamp(initialStep);

    const buttons = {
      first: button({ icon: 'first', label: 'First step', keys: 'Home', onClick: () => this.goTo(0) }),
      prevTask: button({ icon: 'prevTask', label: 'Previous task', keys: 'Shift+ArrowLeft', onClick: () => this.goTo(this.index.previousTask(this.current)) }),
      prev: button({ icon: 'prev', label: 'Previous step', keys: 'ArrowLeft', onClick: () => this.goTo(this.index.previousStep(this.current)) }),
      play: button({ icon: 'play', label: 'Play', keys: 'Space', class: 'ls-play', onClick: () => this.togglePlay() }),
      next: button({ icon: 'next', label: 'Next step', keys: 'ArrowRight', onClick: () => this.goTo(this.index.nextStep(this.current)) }),
      nextTask: button({ icon: 'nextTask', label: 'Next task', keys: 'Shift+ArrowRight', onClick: () => this.goTo(this.index.nextTask(this.current)) }),
      last: button({ icon: 'last', label: 'Last step', keys: 'End', onClick: () => this.goTo(this.index.lastStep) }),
      nextAwait: button({ icon: 'await', text: 'Next await', label: 'Next await', keys: 'A', onClick: () => this.goTo(this.index.nextAwait(this.current)) }),
    };
    const speed = h('select', { class: 'ls-speed', attrs: { 'aria-label': 'Play speed, steps per second' }, on: { change: () => this.applySettings({ speed: Number(speed.value) }) } });
    for (const s of SPEEDS) speed.appendChild(h('option', { text: `${s} steps/s`, attrs: { value: s } }));
    const slider = h('input', {
      class: 'ls-slider',
      attrs: { type: 'range', min: 0, max: Math.max(0, this.index.stopCount - 1), step: 1, value: this.index.stepNumber(this.current) - 1, 'aria-label': 'Scrub through the steps' },
      on: { input: () => this.goTo(this.index.stopEnd(Number(slider.value))) },
    });
    const counter = h('span', { class: 'ls-counter', attrs: { 'aria-hidden': 'true' } });
    const hasInternal = trace.tasks.some((t) => t.internal);
    const internals = h('input', { attrs: { type: 'checkbox' }, on: { change: () => this.setMode({ internals: internals.checked }) } });
    const internalsToggle = hasInternal
      ? h('label', { class: 'ls-check ls-noise', title: "Step through the tasks Node runs for its own APIs (folded into one step by default)" }, [internals, h('span', { text: 'Show Node internals' })])
      : null;
    const detailed = h('input', { attrs: { type: 'checkbox' }, on: { change: () => this.setMode({ detailed: detailed.checked }) } });
    const detailedToggle = h('label', { class: 'ls-check ls-noise', title: 'Stop at every call and return too (by default a step is one event: a callback runs, a line prints, an await suspends, a job enters a queue)' }, [
      detailed,
      h('span', { text: 'Detailed steps' }),
    ]);
    const kind = h('span', { class: 'ls-kind' });
    const text = h('span', { class: 'ls-step-text' });
    const source = h('button', { class: 'ls-link ls-step-source', attrs: { type: 'button' }, on: { click: () => this.revealCurrent() } });
    const task = h('span', { class: 'ls-task-line' });
    const scheduled = h('button', { class: 'ls-link', attrs: { type: 'button' }, on: { click: () => this.goToScheduler() } });
    const why = h('p', { class: 'ls-why' });
    this.ui = { slider, counter, play: buttons.play, speed, kind, text, source, task, scheduled, why, buttons };

    this.loop = new LoopView(this);
    this.console = new ConsoleView(this);
    this.timelineSlot = h('div', { class: 'ls-timeline-slot' });
    this.diagram = new DiagramView(this);
    this.code = new CodeView(this);

    const tabList = h('div', { class: 'ls-tabs', attrs: { role: 'tablist', 'aria-label': 'Views' } });
    const tabPanels = [
      { name: 'Event loop', panel: h('div', { class: 'ls-stage' }, [this.code.el, this.loop.stackEl, this.loop.el, this.console.el]) },
      { name: 'Timeline', panel: this.timelineSlot },
      { name: 'Sequence diagram', panel: this.diagram.el },
    ].map(({ name, panel }, i) => {
      const id = `ls-tab-${i}`;
      const wrap = h('div', { class: 'ls-tabpanel', attrs: { role: 'tabpanel', id, 'aria-label': name } }, [panel]);
      const b = h('button', { class: 'ls-tab', text: name, attrs: { type: 'button', role: 'tab', 'aria-controls': id }, on: { click: () => this.showTab(i) } });
      tabList.appendChild(b);
      this.tabs.push({ button: b, panel: wrap });
      return wrap;
    });

    this.root = h('div', { class: 'ls-app' }, [
      this.programHeader(),
      h('div', { class: 'ls-bar' }, [
        h('div', { class: 'ls-controls', attrs: { role: 'toolbar', 'aria-label': 'Step controls' } }, [
          h('span', { class: 'ls-toolbar' }, [buttons.first, buttons.prevTask, buttons.prev, buttons.play, buttons.next, buttons.nextTask, buttons.last]),
          counter,
          buttons.nextAwait,
          speed,
          slider,
          detailedToggle,
          internalsToggle,
        ]),
        h('p', { class: 'ls-now-main', attrs: { 'aria-live': 'polite', 'aria-atomic': 'true', 'aria-label': 'Current step' } }, [kind, text, source]),
        h('p', { class: 'ls-now-task' }, [task, scheduled]),
        why,
        h('p', { class: 'ls-ask', attrs: { role: 'status' }, text: 'Predict: what prints next? Ask the room, then step (→) to reveal it.' }),
      ]),
      tabList,
      ...tabPanels,
      h('p', { class: 'ls-help ls-noise', text: 'Keys: ← → step · Shift+← → task · Home/End · Space play/pause · A next await (Shift+A previous) · [ ] diagram window · on the timeline: + − zoom, 0 fit' }),
    ]);
    this.showTab(0);
    clear(mount);
    mount.appendChild(this.root);
    this.applyFontScale();
    this.console.setHideFuture(this.settings.predict === true);
    this.diagram.setHideFuture(this.settings.predict === true);
    this.syncSpeed();
    document.addEventListener('keydown', this.onKey);
    this.stopTheme = watchTheme((t) => {
      this.theme = t;
      this.timeline?.refreshTheme();
      this.diagram.refreshTheme();
    });
    this.render();
    // mermaid is loaded and the diagram drawn only after the rest is on screen
    this.diagram.prefetch();
  }

  get step(): number {
    return this.current;
  }

  destroy(): void {
    this.pause();
    cancelAnimationFrame(this.frame);
    document.removeEventListener('keydown', this.onKey);
    this.stopTheme();
    this.timeline?.destroy();
    this.diagram.destroy();
    this.root.remove();
  }

  refresh(): void {
    this.render();
  }

  goTo(step: number): void {
    const next = this.index.clamp(step);
    if (next === this.current) return;
    this.current = next;
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.render();
      });
    }
  }

  /** Go to a moment and show one of its lines in the code view: a finding's stale write sits inside the step that resumed. */
  goToSite(step: number, site: SourceSite): void {
    this.goTo(step);
    this.code.pin(site, this.current);
    this.code.update(this.current, stateAt(this.trace, this.current));
    this.code.settle();
  }

  select(step: number, source: SourceSite | null): void {
    this.goTo(step);
    if (source) this.reveal(source);
  }

  /**
   * Show a source line: in the editor (VS Code), else in the viewer's own code view. A file:line link (`openCode`)
   * also brings the code view into sight; a click in the diagram or timeline leaves its tab where it is.
   */
  private reveal(source: SourceSite, openCode = false): void {
    // the panel's own code view shows the line too (the editor may be hidden, in Presentation Mode say)
    this.code.pin(source, this.current);
    this.code.update(this.current, stateAt(this.trace, this.current));
    this.code.settle();
    if (this.host.reveal) {
      this.host.reveal(source);
      return;
    }
    if (openCode) {
      this.showTab(0);
      this.code.el.scrollIntoView({ block: 'nearest' });
    }
  }

  exportFile(file: ExportFile): void {
    if (this.host.exportData) this.host.exportData(file);
    else download(file.fileName, file.data, MIME[file.format]);
  }

  setPredict(on: boolean): void {
    this.applySettings({ predict: on });
  }

  applySettings(partial: Partial<ViewSettings>): void {
    const before = this.settings;
    const next = { ...before };
    const given = clampSettings(partial);
    for (const key of Object.keys(SETTING_LIMITS) as (keyof typeof SETTING_LIMITS)[]) {
      const v = given[key];
      if (typeof v === 'number') next[key] = v;
    }
    if (given.diagramTheme) next.diagramTheme = given.diagramTheme;
    if (given.predict !== undefined) next.predict = given.predict;
    if (given.presentation !== undefined) next.presentation = given.presentation;
    this.settings = next;
    if (next.presentation !== before.presentation) this.applyFontScale();
    if (next.predict !== before.predict) {
      this.console.setHideFuture(next.predict === true);
      this.diagram.setHideFuture(next.predict === true);
      this.render();
    }
    if (next.fontScale !== before.fontScale) {
      this.applyFontScale();
      this.timeline?.refreshTheme();
      this.diagram.refreshTheme();
    }
    if (next.windowSize !== before.windowSize) this.diagram.reset();
    else if (next.diagramTheme !== before.diagramTheme) this.diagram.refreshTheme();
    if (next.speed !== before.speed) {
      this.syncSpeed();
      if (this.playing) this.scheduleTick();
    }
  }

  togglePlay(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  play(): void {
    if (this.playing) return;
    if (this.current >= this.index.lastStep) this.goTo(0);
    this.playing = true;
    this.syncPlayButton();
    this.scheduleTick();
    this.diagram.update(this.current);
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    clearTimeout(this.playTimer);
    this.syncPlayButton();
    this.diagram.update(this.current);
  }

  private scheduleTick(): void {
    clearTimeout(this.playTimer);
    this.playTimer = window.setTimeout(() => {
      if (!this.playing) return;
      if (this.current >= this.index.lastStep) {
        this.pause();
        return;
      }
      this.goTo(this.index.nextStep(this.current));
      this.scheduleTick();
    }, 1000 / this.settings.speed);
  }

  private syncPlayButton(): void {
    const b = this.ui.play;
    clear(b);
    b.appendChild(icon(this.playing ? 'pause' : 'play'));
    const label = this.playing ? 'Pause' : 'Play';
    b.setAttribute('aria-label', label);
    b.setAttribute('aria-pressed', String(this.playing));
    b.title = `${label} (Space)`;
  }

  private syncSpeed(): void {
    const s = this.settings.speed;
    // what moved is animated within one step's time at the play speed (none for prefers-reduced-motion)
    this.root.style.setProperty('--ls-motion', `${Math.min(0.6, 0.8 / s).toFixed(2)}s`);
    if (!SPEEDS.includes(s)) this.ui.speed.appendChild(h('option', { text: `${s} steps/s`, attrs: { value: s } }));
    this.ui.speed.value = String(s);
  }

  private applyFontScale(): void {
    this.root.style.setProperty('--ls-font-scale', String(this.settings.fontScale));
    this.root.classList.toggle('ls-presenting', this.settings.presentation === true);
  }

  /** Show one of the views below the step bar; the others stay laid out (a hidden diagram is drawn once, off screen). */
  showTab(i: number): void {
    this.tabs.forEach((t, k) => {
      const on = k === i;
      t.button.setAttribute('aria-selected', String(on));
      t.button.tabIndex = on ? 0 : -1;
      t.panel.classList.toggle('ls-tab-hidden', !on);
      t.panel.inert = !on;
    });
    this.root.dataset.tab = String(i);
    if (!this.timeline && this.tabs[i]?.panel.contains(this.timelineSlot)) {
      this.timeline = new TimelineView(this);
      this.timelineSlot.replaceWith(this.timeline.el);
      this.timeline.update(this.current);
      this.timeline.settle();
    }
    this.diagram.setVisible(this.tabs[i]?.panel.contains(this.diagram.el) === true);
  }

  private setMode(mode: Partial<StepMode>): void {
    this.index.setMode(mode);
    this.root.classList.toggle('ls-show-internals', !this.index.folded);
    this.ui.slider.max = String(Math.max(0, this.index.stopCount - 1));
    this.console.relabel();
    this.timeline?.refreshTheme();
    this.render();
  }

  private revealCurrent(): void {
    const src = sourceOfStep(this.trace, this.current);
    if (src) this.reveal(src, true);
  }

  private goToScheduler(): void {
    const t = this.trace.tasks[this.trace.steps[this.current]?.task ?? -1];
    if (t && t.enqueuedAt !== null) {
      this.goTo(t.enqueuedAt);
      if (t.source) this.reveal(t.source, true);
    }
  }

  private render(): void {
    const step = this.current;
    const s = this.trace.steps[step];
    const state = stateAt(this.trace, step);
    const number = this.index.stepNumber(step);
    const total = this.index.stopCount;
    this.ui.slider.value = String(number - 1);
    this.ui.slider.setAttribute('aria-valuetext', `step ${number} of ${total}${s ? `: ${s.text}` : ''}`);
    this.ui.counter.textContent = `Step ${number} / ${total}`;
    const { buttons } = this.ui;
    const last = this.index.lastStep;
    buttons.first.disabled = buttons.prev.disabled = step === this.index.stopEnd(0);
    buttons.last.disabled = buttons.next.disabled = buttons.nextTask.disabled = step >= last;
    buttons.prevTask.disabled = step <= this.index.stopEnd(0);
    buttons.nextAwait.disabled = this.index.nextAwait(step) === step;

    const run = this.index.folded ? this.index.internalRun(step) : null;
    const events = this.index.eventsAt(step);
    const shownKind = run ? 'node' : s?.kind ?? 'none';
    this.ui.kind.textContent = run ? 'node' : s ? KIND_WORD[s.kind] ?? s.kind : '';
    this.ui.kind.className = `ls-kind ls-kind-${shownKind}`;
    this.ui.text.textContent = run ? this.describeRun(run) : s ? events.map((i) => this.trace.steps[i].text).join(' → ') : 'This trace has no steps.';
    const src = sourceOfStep(this.trace, step);
    this.ui.source.hidden = !src;
    this.ui.source.textContent = shortSource(src);
    this.ui.source.title = src ? `Reveal ${src.file}:${src.line}:${src.column}` : '';
    this.ui.source.setAttribute('aria-label', src ? `Reveal source ${shortSource(src)}` : '');
    const t = s && !run ? this.trace.tasks[s.task] : undefined;
    // several loops: say which one this task ran on
    const loop = t && this.trace.threads.length > 1 ? `${loopName(this.trace, t.thread)} · ` : '';
    // Node's own code folded into one step: still say which loop it ran on
    const runOn = run && s && this.trace.threads.length > 1 ? `${loopName(this.trace, this.trace.tasks[s.task]?.thread)} · Node's own code` : '';
    this.ui.task.textContent = t ? `${loop}${taskTitle(t)}` : runOn;
    if (t && t.enqueuedAt !== null && t.scheduledBy !== null) {
      // where the job was registered and when it entered its queue are two facts: a .then registered in task 0 is
      // queued when its promise settles, in another task
      const queuedIn = this.trace.steps[t.enqueuedAt]?.task;
      const registered = `registered in task ${t.scheduledBy}${t.source ? ` at ${shortSource(t.source)}` : ''}`;
      const queued = queuedIn !== undefined && queuedIn !== t.scheduledBy ? `; queued at step ${this.index.stepNumber(t.enqueuedAt)} in task ${queuedIn}` : ` at step ${this.index.stepNumber(t.enqueuedAt)}`;
      this.ui.scheduled.hidden = false;
      this.ui.scheduled.textContent = `${registered}${queued}${t.enqueueInferred ? ' (inferred)' : ''}`;
      this.ui.scheduled.title = 'Go to the step that queued this task';
    } else this.ui.scheduled.hidden = true;
    // Predict the output: before a step that prints, ask the room what comes next; the step itself reveals it.
    const nextStop = this.index.nextStep(step);
    const printsNext = nextStop !== step && this.index.outputCountAt(nextStop) > this.index.outputCountAt(step);
    // the question keeps its line while predicting, so asking it moves nothing
    this.root.classList.toggle('ls-predict-on', this.settings.predict === true);
    this.root.classList.toggle('ls-asking', this.settings.predict === true && printsNext);
    this.ui.why.textContent = run
      ? "Why this ran: Node's own code for a built-in API (such as fs.promises) ran here without running yours. These steps are folded into one; tick \"Show Node internals\" to step through them."
      : t
        ? `Why this ran: ${whyThisRan(this.trace, t.id)}${timerNote(t.label)}`
        : '';

    this.loop.update(state, this.index.stopRange(step).from);
    this.code.update(step, state);
    this.console.update(step);
    this.timeline?.update(step);
    this.diagram.update(step);
    // the views read the layout only now, after all of them changed the page: one layout per step, not one per view
    this.loop.settle();
    this.timeline?.settle();
    this.code.settle();
    this.console.settle();
    this.root.dataset.step = String(step);
    if (this.notified !== step) {
      this.notified = step;
      this.host.stepChanged(step, src, { number, total });
    }
  }

  /** What a folded run of internal tasks did, without naming Node's internal resources. */
  private describeRun(run: { from: number; to: number }): string {
    const tasks = new Set<number>();
    for (let i = run.from; i <= run.to; i++) tasks.add(this.trace.steps[i].task);
    return `Node's own work for a built-in API (${tasks.size} task${tasks.size === 1 ? '' : 's'} folded into this step)`;
  }

  private handleKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || (t.tagName === 'INPUT' && !['range', 'checkbox'].includes((t as HTMLInputElement).type)))) return;
    const step = this.current;
    switch (e.key) {
      case 'ArrowRight':
        this.goTo(e.shiftKey ? this.index.nextTask(step) : this.index.nextStep(step));
        break;
      case 'ArrowLeft':
        this.goTo(e.shiftKey ? this.index.previousTask(step) : this.index.previousStep(step));
        break;
      case 'Home':
        this.goTo(0);
        break;
      case 'End':
        this.goTo(this.index.lastStep);
        break;
      case ' ':
      case 'Spacebar': {
        // Space keeps its usual meaning on a focused button or checkbox
        if (t && (t.tagName === 'BUTTON' || t.tagName === 'A' || (t.tagName === 'INPUT' && (t as HTMLInputElement).type === 'checkbox'))) return;
        this.togglePlay();
        break;
      }
      case 'a':
      case 'A':
        this.goTo(e.shiftKey ? this.index.previousAwait(step) : this.index.nextAwait(step));
        break;
      case '[':
        this.diagramWindow(-1);
        break;
      case ']':
        this.diagramWindow(1);
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  private diagramWindow(delta: number): void {
    const btn = this.diagram.el.querySelectorAll<HTMLButtonElement>('.ls-toolbar .ls-btn')[delta < 0 ? 0 : 1];
    if (btn && !btn.disabled) btn.click();
  }

  private programHeader(): HTMLElement {
    const p = this.trace.program;
    const chips: (HTMLElement | null)[] = [
      h('span', { class: 'ls-chip', text: `Node ${p.node}` }),
      endingChip(p),
      p.stopped && p.stopped !== 'killed' ? h('span', { class: 'ls-chip ls-warn', text: `stopped: ${p.stopped}${p.stopDetail ? ` (${p.stopDetail})` : ''}` }) : null,
      h('span', { class: 'ls-chip ls-noise', text: [plural(this.trace.tasks.length, 'task'), plural(this.trace.coroutines.length, 'coroutine'), `${p.durationMs} ms`].join(' · ') }),
    ];
    const err = p.error;
    const errLine = err
      ? h('p', { class: 'ls-program-error' }, [
          h('strong', { text: `${err.origin}: ` }),
          `${err.name}: ${err.message}`,
          err.source
            ? h('button', { class: 'ls-link', text: ` at ${shortSource(err.source)}`, attrs: { type: 'button' }, on: { click: () => err.source && this.reveal(err.source, true) } })
            : null,
        ])
      : null;
    const fontDown = button({ text: 'A−', label: 'Smaller text', onClick: () => this.applySettings({ fontScale: Math.round((this.settings.fontScale - 0.25) * 100) / 100 }) });
    const fontUp = button({ text: 'A+', label: 'Larger text (presentation)', onClick: () => this.applySettings({ fontScale: Math.round((this.settings.fontScale + 0.25) * 100) / 100 }) });
    const stem = fileName(p.entry).replace(/\.[^.]*$/, '') || 'trace';
    // in VS Code the extension builds these from the trace it holds (one registry with its command and the CLI); the
    // standalone report builds them itself
    const derived = (format: HostExportFormat, data: () => string) => () => {
      const meta = HOST_EXPORTS.find((e) => e.format === format)!;
      this.exportFile({ format, fileName: `${stem}.${meta.ext}`, data: this.host.exportData ? '' : data() });
    };
    const exportJson = button({ text: 'Trace JSON', label: 'Export the trace as JSON', onClick: derived('json', () => JSON.stringify(this.trace)) });
    const exportMarkdown = button({
      text: 'Markdown',
      label: 'Export every diagram window as Markdown with mermaid blocks',
      onClick: derived('markdown', () => diagramMarkdown(this.trace, this.settings.windowSize)),
    });
    const exportPerfetto = button({
      text: 'Perfetto',
      label: 'Export a Chrome / Perfetto trace-event file (open it at ui.perfetto.dev)',
      onClick: derived('perfetto', () => JSON.stringify(toPerfetto(this.trace))),
    });
    // the HTML report is built by the host (the standalone report already is one)
    const exportHtml = this.host.exportData ? button({ text: 'HTML report', label: 'Export a self-contained HTML report', onClick: derived('html', () => '') }) : null;
    return h('header', { class: 'ls-program' }, [
      h('div', { class: 'ls-program-main' }, [
        h('span', { class: 'ls-brand', text: 'Loopscope' }),
        h('h1', { class: 'ls-entry', text: fileName(p.entry), title: p.entry }),
        ...chips,
        h('span', { class: 'ls-toolbar ls-program-tools ls-noise' }, [fontDown, fontUp, exportJson, exportMarkdown, exportPerfetto, exportHtml]),
      ]),
      errLine,
      this.requestsLine(),
      this.findingsList(),
      p.activeResources?.length ? h('p', { class: 'ls-program-note', text: `Still keeping it alive when stopped: ${p.activeResources.join(', ')}` }) : null,
    ]);
  }

  /** A server traced under load: each request and what came back. */
  private requestsLine(): HTMLElement | null {
    const reqs = this.trace.program.requests;
    if (!reqs?.length) return null;
    return h(
      'p',
      { class: 'ls-requests', attrs: { 'aria-label': 'Requests sent to the server' } },
      reqs.map((r, i) =>
        h('span', {
          class: `ls-chip${r.error || (r.status ?? 0) >= 400 ? ' ls-bad' : ''}`,
          text: `${r.method} ${r.path} #${i + 1} → ${r.error ? r.error : r.status ?? 'no answer'} · ${Math.round(r.ms)} ms`,
          title: r.body ? `answer: ${r.body.slice(0, 300)}` : '',
        }),
      ),
    );
  }

  /** What the analyses found (races across awaits, async mistakes): each moment jumps to its step and line. */
  private findingsList(): HTMLElement | null {
    const findings = this.trace.findings;
    if (!findings.length) return null;
    const stepFor = (f: (typeof findings)[number], site: (typeof f.sites)[number]): number | null => {
      if (site.step !== undefined) return site.step;
      const role = site.role;
      if (!f.steps) return null;
      const m: Record<string, number | null> = { read: f.steps.read, check: f.steps.read, suspend: f.steps.suspend, 'other-write': f.steps.otherWrite, 'stale-write': f.steps.staleWrite, act: f.steps.staleWrite };
      return m[role] ?? null;
    };
    return h('details', { class: 'ls-findings', attrs: { 'aria-label': 'Findings', open: true } }, [
      h('summary', { class: 'ls-panel-title', text: `Findings (${findings.length}): ${[...new Set(findings.map((f) => f.kind.replace(/-/g, ' ')))].join(', ')}` }),
      ...findings.map((f) =>
        h('div', { class: `ls-finding ls-finding-${f.kind}` }, [
          h('p', { class: 'ls-finding-title' }, [h('span', { class: 'ls-tag', text: f.kind.replace(/-/g, ' ') }), h('strong', { text: f.location ? ` ${f.location}` : '' })]),
          h('p', { class: 'ls-finding-message', text: f.message }),
          h(
            'p',
            { class: 'ls-finding-moments' },
            f.sites.map((site) =>
              button({
                text: `${ROLE_WORDS[site.role]?.label ?? site.role} · line ${site.line}`,
                label: `Go to the ${ROLE_WORDS[site.role]?.label ?? site.role} (${shortSource(site)})`,
                onClick: () => {
                  const step = stepFor(f, site);
                  if (step !== null) this.goTo(step);
                  this.reveal(site, true);
                },
              }),
            ),
          ),
        ]),
      ),
    ]);
  }
}

/** How the program ended, in words that do not call an intended stop a kill. */
function endingChip(p: Trace['program']): HTMLElement {
  if (p.signal && p.requests?.length && (p.stopped === null || p.stopped === 'killed')) return h('span', { class: 'ls-chip', text: 'stopped by Loopscope after the last answer' });
  if (p.signal && p.stopped === 'cancelled') return h('span', { class: 'ls-chip ls-warn', text: 'cancelled' });
  if (p.signal && (p.stopped === 'timeout' || p.stopped === 'max-events')) return h('span', { class: 'ls-chip ls-warn', text: 'stopped by Loopscope' });
  if (p.signal) return h('span', { class: 'ls-chip ls-bad', text: `killed by ${p.signal}` });
  return h('span', { class: `ls-chip${p.exitCode ? ' ls-bad' : ''}`, text: `exit code ${p.exitCode ?? '?'}` });
}
