// One panel per traced file, beside the editor: it owns the webview, speaks the typed protocol, restores itself after
// a reload, and ties the current step to the editor (decoration, reveal, cursor -> steps).
import * as vscode from 'vscode';
import { randomBytes, createHash } from 'node:crypto';
import { mkdirSync, existsSync, statSync, readFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import type { Trace, SourceSite } from '../core/trace-format';
import { stepNote } from '../core/timeline';
import { PROTOCOL_VERSION, parseViewMessage, type HostToViewMessage, type Sources, type ViewSettings, type ViewToHostMessage } from '../protocol';
import { writeBinaryTraceFile, readTraceFile } from '../runner/trace-file';
import { BINARY_EXTENSION } from '../core/trace-binary';
import type { StepDecorations } from './decorations';
import { saveExport } from './exports';
import { readSources } from '../report/html';
import { timing } from './trace-controller';
import type { FindingDiagnostics } from './findings';

export interface PanelServices {
  /** which file a panel title shows, kept by the host too (a view's own state can reach VS Code too late for a reload) */
  panelEntries: vscode.Memento;
  extensionUri: vscode.Uri;
  findings: FindingDiagnostics;
  storageDir: string;
  output: vscode.OutputChannel;
  decorations: StepDecorations;
  onDidDispose(panel: TracePanel): void;
}

export class TracePanel implements vscode.Disposable {
  static readonly viewType = 'loopscope.trace';
  private static readonly panels = new Map<string, TracePanel>();

  private ready = false;
  /** traces with at least this many steps are read by the view from their file */
  static readonly TRACE_FILE_STEPS = 20_000;
  private static savedVersions = 0;
  /** the trace file written for this panel's trace (for a window reload, and for the view to read a big trace) */
  private savedFile: { path: string; bytes: number; version: number } | null = null;
  /** how the view got its latest trace: in a message, or read from its file (tests look) */
  /** how the view got its trace: as objects in a message, or as the binary file (its bytes in the message, or fetched) */
  delivery: 'message' | 'file' | 'file bytes' | null = null;
  private pending: HostToViewMessage[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  step = 0;
  private disposed = false;
  private readonly created = Date.now();
  private shown = false;

  /** the view has drawn a step of the current trace */
  get viewShown(): boolean {
    return this.shown;
  }

  static get(entry: string): TracePanel | undefined {
    return TracePanel.panels.get(entry);
  }

  static all(): TracePanel[] {
    return [...TracePanel.panels.values()];
  }

  /** The view may load the bundles in dist/ and, for big traces, the trace files the extension keeps. */
  static webviewOptions(services: Pick<PanelServices, 'extensionUri' | 'storageDir'>): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(services.extensionUri, 'dist'), vscode.Uri.file(join(services.storageDir, 'traces'))],
      retainContextWhenHidden: true,
    };
  }

  /** Show the trace of `entry`: refresh its panel in place (keeping the step where it can) or open one beside. */
  static show(services: PanelServices, trace: Trace, settings: ViewSettings, keepStep: boolean, focus = false): TracePanel {
    const entry = trace.program.entry;
    const existing = TracePanel.panels.get(entry);
    const panel = existing ?? new TracePanel(TracePanel.newWebviewPanel(services, entry), services, entry, trace, settings);
    if (existing) existing.update(trace, settings, keepStep ? existing.step : 0);
    // after a trace the panel takes the focus, so the arrow keys step it (a re-trace on save leaves it in the editor)
    panel.panel.reveal(undefined, !focus);
    return panel;
  }

  /** A new panel for `entry`, in the column beside the editor, without taking the focus. */
  private static newWebviewPanel(services: PanelServices, entry: string): vscode.WebviewPanel {
    return vscode.window.createWebviewPanel(
      TracePanel.viewType,
      `Loopscope: ${basename(entry)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      TracePanel.webviewOptions(services),
    );
  }

  /** Open the panel at once while the program runs, so the view starts up in parallel with the trace. */
  static opening(services: PanelServices, entry: string, settings: ViewSettings): TracePanel {
    const existing = TracePanel.panels.get(entry);
    if (existing) {
      existing.status('running', `Tracing ${basename(entry)} again…`);
      return existing;
    }
    const p = new TracePanel(TracePanel.newWebviewPanel(services, entry), services, entry, null, settings);
    p.status('running', `Tracing ${basename(entry)}: running the program…`);
    return p;
  }

  /** Tell the view what is happening when there is no (new) trace to show: running, or why it failed. */
  status(state: 'running' | 'failed', text: string): void {
    this.post({ v: PROTOCOL_VERSION, type: 'status', state, text });
  }

  /** After a window reload: VS Code hands back the panel; the trace comes from the extension's storage. */
  static revive(panel: vscode.WebviewPanel, services: PanelServices, state: unknown, settings: ViewSettings): void {
    const remembered = services.panelEntries.get<Record<string, string>>('loopscope.panels', {})[panel.title];
    const entry = (state as { entry?: unknown } | undefined)?.entry ?? remembered;
    const step = (state as { step?: unknown } | undefined)?.step;
    let trace: Trace | undefined;
    let why = 'the panel did not say which file it showed';
    if (typeof entry === 'string') {
      try {
        const kept = TracePanel.storagePath(services.storageDir, entry);
        // a trace kept by an earlier version of the extension is JSON
        trace = readTraceFile(existsSync(kept) ? kept : kept.slice(0, -BINARY_EXTENSION.length) + '.json');
      } catch (err) {
        why = (err as Error).message;
      }
    }
    if (!trace) {
      services.output.appendLine(`[panel] could not restore a trace: ${why}`);
      panel.webview.options = TracePanel.webviewOptions(services);
      const text = `This Loopscope trace could not be restored (${why}). Trace the file again.`.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
      panel.webview.html = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>${text}</p></body></html>`;
      return;
    }
    const p = new TracePanel(panel, services, trace.program.entry, trace, settings);
    if (typeof step === 'number' && Number.isInteger(step) && step >= 0) p.step = Math.min(step, trace.steps.length - 1);
    p.pending = [p.traceMessage(p.step)];
  }

  static storagePath(storageDir: string, entry: string): string {
    return join(storageDir, 'traces', `${createHash('sha1').update(entry).digest('hex')}${BINARY_EXTENSION}`);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly services: PanelServices,
    readonly entry: string,
    /** null while the first trace of this file is still running */
    public trace: Trace | null,
    public settings: ViewSettings,
  ) {
    TracePanel.panels.set(entry, this);
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'icon.svg');
    panel.webview.options = TracePanel.webviewOptions(services);
    panel.webview.html = this.html();
    if (trace) {
      this.persist();
      this.pending = [this.traceMessage(0)];
      services.findings.show(trace);
    }
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m), null, this.disposables);
    panel.onDidChangeViewState(
      (e) => {
        if (e.webviewPanel.visible) this.decorate();
      },
      null,
      this.disposables,
    );
    void vscode.commands.executeCommand('setContext', 'loopscope.panelOpen', true);
  }

  update(trace: Trace, settings: ViewSettings, step: number): void {
    this.trace = trace;
    this.settings = settings;
    this.step = Math.max(0, Math.min(step, trace.steps.length - 1));
    this.persist();
    this.services.findings.show(trace);
    this.post(this.traceMessage(this.step));
  }

  /**
   * The message that hands the view its trace. A big one is read by the view from the file kept for a window reload
   * (a webview resource), which spares the extension host serializing it into a message and the message channel
   * carrying it; a small one travels in the message.
   */
  private traceMessage(step: number, inMessage = false): HostToViewMessage {
    const trace = this.trace!;
    const file = this.savedFile;
    if (!inMessage && file && trace.steps.length >= TracePanel.TRACE_FILE_STEPS) {
      const url = this.panel.webview.asWebviewUri(vscode.Uri.file(file.path)).with({ query: `v=${file.version}` }).toString();
      // its bytes go along: read from a webview resource, a file of tens of MB takes seconds in a remote window
      // (code-server fetches it through the window, in chunks); as a message's binary data it arrives at once
      let data: Uint8Array | undefined;
      try {
        const bytes = readFileSync(file.path);
        data = bytes.length === file.bytes ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined;
      } catch {
        data = undefined;
      }
      this.delivery = data ? 'file bytes' : 'file';
      return { v: PROTOCOL_VERSION, type: 'traceFile', url, bytes: file.bytes, ...(data ? { data } : {}), settings: this.settings, sources: sourcesOf(trace), step };
    }
    this.delivery = 'message';
    return { v: PROTOCOL_VERSION, type: 'trace', trace, settings: this.settings, sources: sourcesOf(trace), step };
  }

  applySettings(settings: ViewSettings): void {
    this.settings = settings;
    this.post({ v: PROTOCOL_VERSION, type: 'settings', settings });
  }

  /** Go to a step; with `site`, the panel's code view shows that line of the step (a finding's own line). */
  goToStep(step: number, site?: SourceSite): void {
    this.post({ v: PROTOCOL_VERSION, type: 'goToStep', step, ...(site ? { site } : {}) });
  }

  post(message: HostToViewMessage): void {
    if (this.disposed) return;
    if (!this.ready) {
      // only the newest trace matters while the view starts
      if (message.type === 'trace' || message.type === 'traceFile') this.pending = this.pending.filter((m) => m.type !== 'trace' && m.type !== 'traceFile');
      this.pending.push(message);
      return;
    }
    if (message.type === 'traceFile') timing(this.services.output, `trace posted to the view (${message.data ? 'its bytes' : 'its URL'})`);
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const parsed = parseViewMessage(raw);
    if (!parsed.ok) {
      this.services.output.appendLine(`[panel] ignored a malformed message from the view: ${parsed.reason}`);
      return;
    }
    void this.handle(parsed.message);
  }

  private async handle(m: ViewToHostMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        timing(this.services.output, `view ready ${Date.now() - this.created} ms after the panel was created`);
        this.ready = true;
        for (const p of this.pending.splice(0)) void this.panel.webview.postMessage(p);
        break;
      case 'stepChanged':
        if (!this.shown) {
          this.shown = true;
          timing(this.services.output, `first step shown ${Date.now() - this.created} ms after the panel was created`);
        }
        if (!this.trace) break;
        this.step = Math.min(m.step, this.trace.steps.length - 1);
        this.shownNumber = { number: m.number, total: m.total };
        this.decorate(m.source);
        break;
      case 'reveal':
        await revealSource(m.source);
        break;
      case 'traceFileFailed':
        this.services.output.appendLine(`[panel] the view could not read the trace file (${m.reason}); sending the trace in a message`);
        if (this.trace) this.post(this.traceMessage(this.step, true));
        break;
      case 'export':
        if (this.trace) await saveExport(m, this.trace, { windowSize: this.settings.windowSize, step: this.step }, this.services.output);
        break;
    }
  }

  /** the current step as the view numbers it (the editor note says the same) */
  private shownNumber: { number: number; total: number } | undefined;

  private decorate(source?: SourceSite | null): void {
    if (!this.trace) return;
    const s = this.trace.steps[this.step];
    const site = source !== undefined ? source : s && s.site >= 0 ? this.trace.sites[s.site] : null;
    this.services.decorations.show(site && site.line > 0 ? { file: site.file, line: site.line, column: site.column } : null, stepNote(this.trace, this.step, this.shownNumber));
  }

  private persist(): void {
    if (!this.trace) return;
    const known = this.services.panelEntries.get<Record<string, string>>('loopscope.panels', {});
    if (known[this.panel.title] !== this.entry) void this.services.panelEntries.update('loopscope.panels', { ...known, [this.panel.title]: this.entry });
    this.savedFile = null;
    try {
      const path = TracePanel.storagePath(this.services.storageDir, this.entry);
      if (!existsSync(join(this.services.storageDir, 'traces'))) mkdirSync(join(this.services.storageDir, 'traces'), { recursive: true });
      const started = Date.now();
      writeBinaryTraceFile(path, this.trace);
      this.savedFile = { path, bytes: statSync(path).size, version: ++TracePanel.savedVersions };
      timing(this.services.output, `kept the trace (${(this.savedFile.bytes / 1e6).toFixed(1)} MB) in ${Date.now() - started} ms`);
    } catch (err) {
      this.services.output.appendLine(`[panel] could not keep the trace for a window reload: ${(err as Error).message}`);
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(18).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.services.extensionUri, 'dist', 'webview.js'));
    const mermaidScript = webview.asWebviewUri(vscode.Uri.joinPath(this.services.extensionUri, 'dist', 'mermaid.js'));
    const csp = [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      // mermaid writes <style> elements and style attributes: inline styles, never a nonce here (it would disable them)
      `style-src ${webview.cspSource} 'unsafe-inline'`,
      `img-src ${webview.cspSource} data: blob:`,
      `font-src ${webview.cspSource}`,
      // a big trace is fetched from the extension's own trace file
      `connect-src ${webview.cspSource}`,
    ].join('; ');
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Loopscope</title>
</head>
<body>
<div id="loopscope-root" role="application" aria-label="Loopscope trace viewer"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
<script nonce="${nonce}" src="${mermaidScript.toString()}" async></script>
</body>
</html>`;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    TracePanel.panels.delete(this.entry);
    this.services.decorations.clear();
    this.services.findings.clear(this.entry);
    this.services.onDidDispose(this);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    if (TracePanel.panels.size === 0) void vscode.commands.executeCommand('setContext', 'loopscope.panelOpen', false);
  }
}

/** The text of the program's own files the trace points into, as the editor has them (unsaved changes too). */
function sourcesOf(trace: Trace): Sources {
  return readSources(trace, (file) => {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
    return open ? open.getText() : existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  });
}

/** Open the file at the line, in the editor column (not the panel's). */
export async function revealSource(source: SourceSite): Promise<vscode.TextEditor | undefined> {
  if (!source.file || !existsSync(source.file)) {
    void vscode.window.showWarningMessage(`Loopscope: ${source.file || 'the source'} is no longer there.`);
    return undefined;
  }
  const uri = vscode.Uri.file(source.file);
  const open = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === source.file);
  const line = Math.max(0, source.line - 1);
  const col = Math.max(0, source.column - 1);
  const editor = await vscode.window.showTextDocument(uri, {
    viewColumn: open?.viewColumn ?? vscode.ViewColumn.One,
    selection: new vscode.Range(line, col, line, col),
    preserveFocus: false,
  });
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
