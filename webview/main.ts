// Entry point of the webview bundle. In the HTML report the trace is embedded in the page; in VS Code it arrives as
// a message after the viewer says it is ready. Every message from the host is validated; malformed ones are ignored.
import { validateTrace, type Trace, type SourceSite } from '../src/core/trace-format';
import { parseTraceBytes } from '../src/core/trace-binary';
import { parseHostMessage, checkSettings, checkSources, PROTOCOL_VERSION, DEFAULT_SETTINGS, type ViewSettings, type ViewToHostMessage, type HostToViewMessage } from '../src/protocol';
import { App } from './app';
import { ensureStyles } from './dom';
import type { Host } from './context';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  interface Window {
    __LOOPSCOPE_TRACE__?: unknown;
    __LOOPSCOPE_SETTINGS__?: unknown;
    /** the running viewer, for tests and debugging */
    loopscope?: App;
    acquireVsCodeApi?: () => VsCodeApi;
  }
}

function mountPoint(): HTMLElement {
  // the report's page has #loopscope; the VS Code panel's page has #loopscope-root
  let el = document.getElementById('loopscope') ?? document.getElementById('loopscope-root');
  if (!el) {
    el = document.createElement('div');
    el.id = 'loopscope';
    document.body.appendChild(el);
  }
  return el;
}

function showError(message: string): void {
  ensureStyles();
  const el = mountPoint();
  el.textContent = '';
  const p = document.createElement('p');
  p.className = 'ls-fatal';
  p.textContent = `Loopscope cannot show this trace: ${message}`;
  el.appendChild(p);
}

function readJsonScript(id: string): unknown {
  const el = document.getElementById(id);
  if (!el || el.getAttribute('type') !== 'application/json') return undefined;
  return JSON.parse(el.textContent ?? 'null');
}

interface Embedded {
  trace: unknown;
  settings: unknown;
  sources?: unknown;
}

/** The trace embedded in the page (the HTML report), if any. */
function embeddedTrace(): Embedded | null {
  if (window.__LOOPSCOPE_TRACE__ !== undefined) return { trace: window.__LOOPSCOPE_TRACE__, settings: window.__LOOPSCOPE_SETTINGS__ };
  if (!document.getElementById('loopscope-trace')) return null;
  return { trace: readJsonScript('loopscope-trace'), settings: readJsonScript('loopscope-settings'), sources: readJsonScript('loopscope-sources') };
}

function runReport(embedded: Embedded): void {
  let trace: Trace;
  let settings: Partial<ViewSettings> = {};
  let sources: Record<string, string> = {};
  try {
    trace = validateTrace(embedded.trace);
    if (embedded.settings !== undefined && embedded.settings !== null) settings = checkSettings('settings', embedded.settings, true);
    sources = checkSources('sources', embedded.sources) ?? {};
  } catch (err) {
    showError(err instanceof Error ? err.message : String(err));
    return;
  }
  // the step is kept in the address (#step=12) so a link or a reload opens the same moment
  const fromHash = /(?:^#|&)step=(\d+)/.exec(location.hash);
  let hashTimer = 0;
  const host: Host = {
    stepChanged: (step) => {
      clearTimeout(hashTimer);
      hashTimer = window.setTimeout(() => {
        try {
          history.replaceState(null, '', `#step=${step}`);
        } catch {
          // some file:// contexts refuse history changes; the step just is not remembered
        }
      }, 250);
    },
  };
  window.loopscope = new App(mountPoint(), trace, host, settings, fromHash ? Number(fromHash[1]) : 0, sources);
}

function runVsCode(api: VsCodeApi): void {
  const post = (m: ViewToHostMessage) => api.postMessage(m);
  // VS Code keeps this state across a window reload; the host finds the trace again by its entry file
  let entry: string | null = null;
  const host: Host = {
    reveal: (source: SourceSite) => post({ v: PROTOCOL_VERSION, type: 'reveal', source }),
    stepChanged: (step, source, shown) => {
      post({ v: PROTOCOL_VERSION, type: 'stepChanged', step, source, number: shown.number, total: shown.total });
      api.setState({ step, entry });
    },
    exportData: (file) => post({ v: PROTOCOL_VERSION, type: 'export', ...file }),
  };
  let app: App | null = null;
  let settings: ViewSettings = { ...DEFAULT_SETTINGS };
  // messages that need a trace wait here until the trace arrives
  const waiting: HostToViewMessage[] = [];
  // a big trace is read from its file; a newer trace (file or message) supersedes one still loading
  let loading = 0;
  const loadTraceFile = async (m: Extract<HostToViewMessage, { type: 'traceFile' }>) => {
    const mine = ++loading;
    if (!app) {
      const p = document.createElement('p');
      p.className = 'ls-status ls-status-running';
      p.setAttribute('role', 'status');
      p.textContent = `Loading the trace (${Math.max(1, Math.round(m.bytes / 1e6))} MB)…`;
      mountPoint().replaceChildren(p);
    }
    try {
      const read = async () => {
        const res = await fetch(m.url);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return new Uint8Array(await res.arrayBuffer());
      };
      // the panel keeps its traces in the binary form (src/core/trace-binary.ts); JSON is read too
      const trace = parseTraceBytes(m.data ?? (await read()));
      if (mine === loading) apply({ v: PROTOCOL_VERSION, type: 'trace', trace, settings: m.settings, ...(m.sources ? { sources: m.sources } : {}), ...(m.step !== undefined ? { step: m.step } : {}) });
    } catch (err) {
      if (mine === loading) post({ v: PROTOCOL_VERSION, type: 'traceFileFailed', reason: (err instanceof Error ? err.message : String(err)).slice(0, 500) });
    }
  };
  const apply = (m: HostToViewMessage) => {
    switch (m.type) {
      case 'traceFile':
        void loadTraceFile(m);
        break;
      case 'trace': {
        loading++;
        settings = { ...m.settings };
        entry = m.trace.program.entry;
        const saved = api.getState() as { step?: unknown } | undefined;
        const step = m.step ?? (typeof saved?.step === 'number' ? saved.step : 0);
        app?.destroy();
        document.body.classList.remove('ls-retracing');
        mountPoint().replaceChildren();
        app = new App(mountPoint(), m.trace, host, settings, step, m.sources ?? {});
        window.loopscope = app;
        // remembered at once, so a window reload right after can find the trace again
        api.setState({ step, entry });
        for (const w of waiting.splice(0)) apply(w);
        break;
      }
      case 'goToStep':
        if (app && m.site) app.goToSite(m.step, m.site);
        else if (app) app.goTo(m.step);
        else waiting.push(m);
        break;
      case 'settings':
        settings = { ...settings, ...m.settings };
        if (app) app.applySettings(m.settings);
        break;
      case 'status':
        if (app) {
          // keep showing the last trace; say a new one is on its way (or why it did not come)
          document.body.classList.toggle('ls-retracing', m.state === 'running');
          if (m.state === 'failed') console.warn(`Loopscope: ${m.text}`);
        } else {
          const root = mountPoint();
          root.replaceChildren();
          const p = document.createElement('p');
          p.className = `ls-status ls-status-${m.state}`;
          p.setAttribute('role', 'status');
          p.textContent = m.text;
          root.appendChild(p);
        }
        break;
    }
  };
  window.addEventListener('message', (event: MessageEvent) => {
    const parsed = parseHostMessage(event.data);
    if (!parsed.ok) {
      console.warn(`Loopscope: ignored a malformed message from the extension: ${parsed.reason}`);
      return;
    }
    apply(parsed.message);
  });
  ensureStyles();
  post({ v: PROTOCOL_VERSION, type: 'ready' });
}

function start(): void {
  let embedded: Embedded | null;
  try {
    embedded = embeddedTrace();
  } catch (err) {
    showError(`the embedded trace is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    return;
  }
  if (embedded) runReport(embedded);
  else if (typeof window.acquireVsCodeApi === 'function') runVsCode(window.acquireVsCodeApi());
  else showError('no trace in this page and no VS Code host to send one.');
}

// The report's data (and the panel's mount point) come before this script, so it starts at once: waiting for
// DOMContentLoaded would wait for everything after it too.
if (document.readyState !== 'loading' || document.getElementById('loopscope-trace') || document.getElementById('loopscope-root')) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
