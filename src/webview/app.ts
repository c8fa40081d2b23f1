// The viewer: program info, step controls, the current step and why it ran, and the four views (event loop, console,
// timeline, sequence diagram), all driven by one current step. The same code runs in the HTML report and in VS Code;
// what differs is the Host it is given.
import type { Trace, SourceSite } from '../core/trace-format';
import { stateAt, whyThisRan } from '../core/timeline';
import { diagramMarkdown } from '../core/mermaid';
import { toPerfetto } from '../core/perfetto';
import { StepIndex, sourceOfStep, shortSource } from '../core/stepping';
import { DEFAULT_SETTINGS, SETTING_LIMITS, clampSettings, type ExportFile, type ViewSettings } from '../protocol';
import { h, button, clear, download, fileName, icon } from './dom';
import { currentTheme, watchTheme, type ThemeKind } from './theme';
import { LoopView } from './loop-view';
import { ConsoleView } from './console-view';
import { TimelineView } from './timeline-view';
import { DiagramView } from './diagram-view';
import { ensureStyles } from './styles';
import type { Host, ViewContext } from './context';

export type { Host } from './context';

const SPEEDS = [0.5, 1, 2, 4, 8, 16, 32, 64];
const MIME: Record<ExportFile['format'], string> = {
  mermaid: 'text/plain',
  svg: 'image/svg+xml',
  png: 'image/png',
  json: 'application/json',
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
  private readonly timeline: TimelineView;
  private readonly diagram: DiagramView;
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
      attrs: { type: 'range', min: 0, max: this.index.lastStep, step: 1, value: this.current, 'aria-label': 'Scrub through the steps' },
      on: { input: () => this.goTo(Number(slider.value)) },
    });
    const counter = h('span', { class: 'ls-counter', attrs: { 'aria-hidden': 'true' } });
    const hasInternal = trace.tasks.some((t) => t.internal);
    const internals = h('input', { attrs: { type: 'checkbox' }, on: { change: () => this.setFolded(!internals.checked) } });
    const internalsToggle = hasInternal
      ? h('label', { class: 'ls-check', title: "Step through the tasks Node runs for its own APIs (folded into one step by default)" }, [internals, h('span', { text: 'Show Node internals' })])
      : null;
    const kind = h('span', { class: 'ls-kind' });
    const text = h('span', { class: 'ls-step-text' });
    const source = h('button', { class: 'ls-link ls-step-source', attrs: { type: 'button' }, on: { click: () => this.revealCurrent() } });
    const task = h('span', { class: 'ls-task-line' });
    const scheduled = h('button', { class: 'ls-link', attrs: { type: 'button' }, on: { click: () => this.goToScheduler() } });
    const why = h('p', { class: 'ls-why' });
    this.ui = { slider, counter, play: buttons.play, speed, kind, text, source, task, scheduled, why, buttons };

    this.loop = new LoopView(this);
    this.console = new ConsoleView(this);
    this.timeline = new TimelineView(this);
    this.diagram = new DiagramView(this);

    this.root = h('div', { class: 'ls-app' }, [
      this.programHeader(),
      h('div', { class: 'ls-sticky' }, [
        h('div', { class: 'ls-controls', attrs: { role: 'toolbar', 'aria-label': 'Step controls' } }, [
          h('span', { class: 'ls-toolbar' }, [buttons.first, buttons.prevTask, buttons.prev, buttons.play, buttons.next, buttons.nextTask, buttons.last]),
          buttons.nextAwait,
          speed,
          slider,
          counter,
          internalsToggle,
        ]),
        h('p', { class: 'ls-now-main', attrs: { 'aria-live': 'polite', 'aria-atomic': 'true', 'aria-label': 'Current step' } }, [kind, text, source]),
      ]),
      // the task and the rule that ran it scroll with the page, so the sticky bar stays small on a projector
      h('div', { class: 'ls-now', attrs: { 'aria-label': 'Why this step' } }, [
        h('p', { class: 'ls-now-task' }, [task, scheduled]),
        why,
        h('p', { class: 'ls-ask', attrs: { role: 'status' }, text: 'Predict: what prints next? Ask the room, then step (→) to reveal it.' }),
      ]),
      h('div', { class: 'ls-grid' }, [this.loop.el, this.console.el, this.timeline.el, this.diagram.el]),
      h('p', { class: 'ls-help', text: 'Keys: ← → step · Shift+← → task · Home/End · Space play/pause · A next await (Shift+A previous) · [ ] diagram window · on the timeline: + − zoom, 0 fit' }),
    ]);
    clear(mount);
    mount.appendChild(this.root);
    this.applyFontScale();
    this.syncSpeed();
    document.addEventListener('keydown', this.onKey);
    this.stopTheme = watchTheme((t) => {
      this.theme = t;
      this.timeline.refreshTheme();
      this.diagram.refreshTheme();
    });
    this.render();
  }

  get step(): number {
    return this.current;
  }

  destroy(): void {
    this.pause();
    cancelAnimationFrame(this.frame);
    document.removeEventListener('keydown', this.onKey);
    this.stopTheme();
    this.timeline.destroy();
    this.diagram.destroy();
    this.root.remove();
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

  select(step: number, source: SourceSite | null): void {
    this.goTo(step);
    if (source) this.host.reveal(source);
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
    this.settings = next;
    if (next.predict !== before.predict) {
      this.console.setHideFuture(next.predict === true);
      this.render();
    }
    if (next.fontScale !== before.fontScale) {
      this.applyFontScale();
      this.timeline.refreshTheme();
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
    if (!SPEEDS.includes(s)) this.ui.speed.appendChild(h('option', { text: `${s} steps/s`, attrs: { value: s } }));
    this.ui.speed.value = String(s);
  }

  private applyFontScale(): void {
    this.root.style.setProperty('--ls-font-scale', String(this.settings.fontScale));
  }

  private setFolded(folded: boolean): void {
    this.index.folded = folded;
    this.root.classList.toggle('ls-show-internals', !folded);
    this.timeline.refreshTheme();
    this.render();
  }

  private revealCurrent(): void {
    const src = sourceOfStep(this.trace, this.current);
    if (src) this.host.reveal(src);
  }

  private goToScheduler(): void {
    const t = this.trace.tasks[this.trace.steps[this.current]?.task ?? -1];
    if (t && t.enqueuedAt !== null) this.select(t.enqueuedAt, t.source);
  }

  private render(): void {
    const step = this.current;
    const s = this.trace.steps[step];
    const state = stateAt(this.trace, step);
    const last = this.index.lastStep;
    this.ui.slider.value = String(step);
    this.ui.slider.setAttribute('aria-valuetext', `step ${step} of ${last}${s ? `: ${s.text}` : ''}`);
    this.ui.counter.textContent = `Step ${step} / ${last}`;
    const { buttons } = this.ui;
    buttons.first.disabled = buttons.prev.disabled = step === 0;
    buttons.last.disabled = buttons.next.disabled = buttons.nextTask.disabled = step >= last;
    buttons.prevTask.disabled = step === 0;
    buttons.nextAwait.disabled = this.index.nextAwait(step) === step;

    const run = this.index.folded ? this.index.internalRun(step) : null;
    this.ui.kind.textContent = run ? 'node' : s?.kind ?? '';
    this.ui.kind.className = `ls-kind ls-kind-${run ? 'node' : s?.kind ?? 'none'}`;
    this.ui.text.textContent = run ? this.describeRun(run) : s ? s.text : 'This trace has no steps.';
    const src = sourceOfStep(this.trace, step);
    this.ui.source.hidden = !src;
    this.ui.source.textContent = shortSource(src);
    this.ui.source.title = src ? `Reveal ${src.file}:${src.line}:${src.column}` : '';
    this.ui.source.setAttribute('aria-label', src ? `Reveal source ${shortSource(src)}` : '');
    const t = s ? this.trace.tasks[s.task] : undefined;
    this.ui.task.textContent = t ? `Task ${t.id} · ${t.queue === 'main' ? 'main script' : `${t.queue} queue`} · ${t.label}` : '';
    if (t && t.enqueuedAt !== null && t.scheduledBy !== null) {
      this.ui.scheduled.hidden = false;
      this.ui.scheduled.textContent = `scheduled by task ${t.scheduledBy} at step ${t.enqueuedAt}${t.source ? ` (${shortSource(t.source)})` : ''}${t.enqueueInferred ? ', inferred' : ''}`;
      this.ui.scheduled.title = 'Go to the step that scheduled this task';
    } else this.ui.scheduled.hidden = true;
    // Predict the output: before a step that prints, ask the room what comes next; the step itself reveals it.
    const upcoming = this.trace.steps[this.index.nextStep(step)];
    this.root.classList.toggle('ls-asking', this.settings.predict === true && upcoming?.kind === 'output' && this.index.nextStep(step) !== step);
    this.ui.why.textContent = run
      ? "Why this ran: Node's own code for a built-in API (such as fs.promises) ran here without running yours. These steps are folded into one; tick \"Show Node internals\" to step through them."
      : t
        ? `Why this ran: ${whyThisRan(this.trace, t.id)}`
        : '';

    this.loop.update(state);
    this.console.update(step);
    this.timeline.update(step);
    this.diagram.update(step);
    this.root.dataset.step = String(step);
    if (this.notified !== step) {
      this.notified = step;
      this.host.stepChanged(step, src);
    }
  }

  /** "12 tasks inside Node: fs promise, promise reaction" for a folded run of internal tasks. */
  private describeRun(run: { from: number; to: number }): string {
    const tasks = new Set<number>();
    const labels = new Set<string>();
    for (let i = run.from; i <= run.to; i++) {
      const t = this.trace.tasks[this.trace.steps[i].task];
      if (t && !tasks.has(t.id)) {
        tasks.add(t.id);
        labels.add(t.label);
      }
    }
    return `${tasks.size} task${tasks.size === 1 ? '' : 's'} inside Node: ${[...labels].slice(0, 4).join(', ')}`;
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
      p.signal ? h('span', { class: 'ls-chip ls-bad', text: `killed by ${p.signal}` }) : h('span', { class: `ls-chip${p.exitCode ? ' ls-bad' : ''}`, text: `exit code ${p.exitCode ?? '?'}` }),
      p.stopped ? h('span', { class: 'ls-chip ls-warn', text: `stopped: ${p.stopped}${p.stopDetail ? ` (${p.stopDetail})` : ''}` }) : null,
      h('span', { class: 'ls-chip', text: `${this.trace.steps.length} steps · ${this.trace.tasks.length} tasks · ${this.trace.coroutines.length} coroutines · ${p.durationMs} ms` }),
    ];
    const err = p.error;
    const errLine = err
      ? h('p', { class: 'ls-program-error' }, [
          h('strong', { text: `${err.origin}: ` }),
          `${err.name}: ${err.message}`,
          err.source
            ? h('button', { class: 'ls-link', text: ` at ${shortSource(err.source)}`, attrs: { type: 'button' }, on: { click: () => err.source && this.host.reveal(err.source) } })
            : null,
        ])
      : null;
    const fontDown = button({ text: 'A−', label: 'Smaller text', onClick: () => this.applySettings({ fontScale: Math.round((this.settings.fontScale - 0.25) * 100) / 100 }) });
    const fontUp = button({ text: 'A+', label: 'Larger text (presentation)', onClick: () => this.applySettings({ fontScale: Math.round((this.settings.fontScale + 0.25) * 100) / 100 }) });
    const exportJson = button({
      text: 'Trace JSON',
      label: 'Export the trace as JSON',
      onClick: () => this.exportFile({ format: 'json', fileName: `${fileName(p.entry).replace(/\.[^.]*$/, '') || 'trace'}.loopscope.json`, data: JSON.stringify(this.trace) }),
    });

    const stem = fileName(p.entry).replace(/\.[^.]*$/, '') || 'trace';
    const exportMarkdown = button({
      text: 'Markdown',
      label: 'Export every diagram window as Markdown with mermaid blocks',
      onClick: () => this.exportFile({ format: 'markdown', fileName: `${stem}.loopscope.md`, data: diagramMarkdown(this.trace, this.settings.windowSize) }),
    });
    const exportPerfetto = button({
      text: 'Perfetto',
      label: 'Export a Chrome / Perfetto trace-event file (open it at ui.perfetto.dev)',
      onClick: () => this.exportFile({ format: 'perfetto', fileName: `${stem}.perfetto.json`, data: JSON.stringify(toPerfetto(this.trace)) }),
    });
    // the HTML report is built by the host (the standalone report already is one)
    const exportHtml = this.host.exportData
      ? button({ text: 'HTML report', label: 'Export a self-contained HTML report', onClick: () => this.exportFile({ format: 'html', fileName: `${stem}.loopscope.html`, data: '' }) })
      : null;
    return h('header', { class: 'ls-program' }, [
      h('div', { class: 'ls-program-main' }, [
        h('span', { class: 'ls-brand', text: 'Loopscope' }),
        h('h1', { class: 'ls-entry', text: fileName(p.entry), title: p.entry }),
        ...chips,
        h('span', { class: 'ls-toolbar ls-program-tools' }, [fontDown, fontUp, exportJson, exportMarkdown, exportPerfetto, exportHtml]),
      ]),
      errLine,
      this.findingsList(),
      p.activeResources?.length ? h('p', { class: 'ls-program-note', text: `Still keeping it alive when stopped: ${p.activeResources.join(', ')}` }) : null,
    ]);
  }

  /** What the analyses found (races across awaits, async mistakes): each moment jumps to its step and line. */
  private findingsList(): HTMLElement | null {
    const findings = this.trace.findings;
    if (!findings.length) return null;
    const ROLE: Record<string, string> = {
      read: 'read', check: 'check', suspend: 'await', 'other-write': 'other write', 'stale-write': 'stale write', act: 'act',
      'blocking-task': 'blocking task', rejection: 'rejection', 'keeps-alive': 'made here', created: 'promise made',
      floating: 'not awaited', creator: 'started by', 'first-await': 'first await', 'second-await': 'second await',
      'starved-timer': 'late timer', 'starving-callback': 'starving callback',
    };
    const stepFor = (f: (typeof findings)[number], site: (typeof f.sites)[number]): number | null => {
      if (site.step !== undefined) return site.step;
      const role = site.role;
      if (!f.steps) return null;
      const m: Record<string, number | null> = { read: f.steps.read, check: f.steps.read, suspend: f.steps.suspend, 'other-write': f.steps.otherWrite, 'stale-write': f.steps.staleWrite, act: f.steps.staleWrite };
      return m[role] ?? null;
    };
    return h('section', { class: 'ls-findings', attrs: { 'aria-label': 'Findings' } }, [
      h('h2', { class: 'ls-panel-title', text: `Findings (${findings.length})` }),
      ...findings.map((f) =>
        h('div', { class: `ls-finding ls-finding-${f.kind}` }, [
          h('p', { class: 'ls-finding-title' }, [h('span', { class: 'ls-tag', text: f.kind.replace(/-/g, ' ') }), h('strong', { text: f.location ? ` ${f.location}` : '' })]),
          h('p', { class: 'ls-finding-message', text: f.message }),
          h(
            'p',
            { class: 'ls-finding-moments' },
            f.sites.map((site) =>
              button({
                text: `${ROLE[site.role] ?? site.role} · line ${site.line}`,
                label: `Go to the ${ROLE[site.role] ?? site.role} (${shortSource(site)})`,
                onClick: () => {
                  const step = stepFor(f, site);
                  if (step !== null) this.select(step, site);
                  else this.host.reveal(site);
                },
              }),
            ),
          ),
        ]),
      ),
    ]);
  }
}
