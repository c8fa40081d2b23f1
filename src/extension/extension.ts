// The VS Code extension: commands, the panel serializer, re-trace on save, cursor -> steps. The only code that
// imports 'vscode'.
import * as vscode from 'vscode';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TracePanel, type PanelServices } from './panel';
import { StepDecorations } from './decorations';
import { FindingDiagnostics } from './findings';
import { TraceController } from './trace-controller';
import { readSettings, viewSettings } from './settings';
import { HOST_EXPORTS, exportFromHost } from './exports';
import { readTraceFile } from '../runner/trace-file';
import type { SourceSite } from '../core/trace-format';

/** What the integration tests reach through the extension's exports. */
export interface LoopscopeApi {
  controller: TraceController;
  decorations: StepDecorations;
  findings: FindingDiagnostics;
  panels(): TracePanel[];
}

export function activate(context: vscode.ExtensionContext): LoopscopeApi {
  const output = vscode.window.createOutputChannel('Loopscope');
  const decorations = new StepDecorations();
  const findings = new FindingDiagnostics();
  // the panels tell the controller when they close; the controller needs the panel services: tie them late
  const late: { controller?: TraceController } = {};
  const services: PanelServices = {
    panelEntries: context.workspaceState,
    extensionUri: context.extensionUri,
    storageDir: context.globalStorageUri.fsPath,
    output,
    decorations,
    findings,
    onDidDispose: (panel) => late.controller?.panelClosed(panel.entry),
  };
  const ctl = new TraceController(services, output);
  late.controller = ctl;
  // predicting the output survives a window reload (the panel comes back with the secret kept)
  ctl.predict = context.globalState.get<boolean>('loopscope.predict', false);
  // Presentation Mode gives the panel the window: the panel moves into the first editor group (it shows the code
  // itself), any other group left with editors shrinks to its least width, and the side bars and the bottom panel
  // close; turned off, the groups share the width again, the panel goes back beside the editor and the side bar
  // returns. Each change is a plain move or a close that VS Code stores
  // as it is, never a toggled hidden state (a maximised group, say, which the browser workbench stores late, so that a
  // window reloaded at the wrong moment came back maximised): a reload at any moment gives a usable window.
  let presented: TracePanel | undefined;
  let layoutChanges: Promise<void> = Promise.resolve();
  const applyPresentationLayout = async (): Promise<void> => {
    if (ctl.presentation && !presented) {
      // the panel the user is on: the active one, else the one of the program in the active editor, else one in view
      const editorFile = vscode.window.activeTextEditor?.document.uri.fsPath;
      const panels = TracePanel.all();
      const panel = panels.find((p) => p.panel.active) ?? panels.find((p) => p.entry === editorFile) ?? panels.find((p) => p.panel.visible);
      if (!panel) return;
      presented = panel;
      panel.panel.reveal(vscode.ViewColumn.One, false);
      // other groups that still hold editors shrink to their least width ("Expand Editor Group")
      await vscode.commands.executeCommand('workbench.action.minimizeOtherEditors');
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
      await vscode.commands.executeCommand('workbench.action.closePanel');
    } else if (!ctl.presentation && presented) {
      const panel = TracePanel.all().includes(presented) ? presented : undefined;
      presented = undefined;
      // the groups share the width again, the side bar we closed comes back, and the panel, beside the editor
      // again, keeps the focus
      await vscode.commands.executeCommand('workbench.action.evenEditorWidths');
      await vscode.commands.executeCommand('workbench.action.focusSideBar');
      panel?.panel.reveal(vscode.ViewColumn.Two, false);
    }
  };
  const currentSettings = () => viewSettings(readSettings(), ctl);

  const command = (id: string, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  command('loopscope.trace', (arg) => ctl.trace(ctl.resolveTarget(arg)));
  command('loopscope.cancel', () => ctl.cancelAll());
  // from a finding in the Problems panel (quick action) to its moment in the panel
  command('loopscope.showStep', (entry, step, site) => {
    const panel = typeof entry === 'string' ? TracePanel.get(entry) : undefined;
    if (!panel || typeof step !== 'number') {
      void vscode.window.showInformationMessage('Loopscope: trace the file again to see this in its panel.');
      return;
    }
    panel.panel.reveal(undefined, true);
    panel.goToStep(step, isSourceSite(site) ? site : undefined);
  });
  command('loopscope.openExample', async () => {
    const dir = join(context.extensionUri.fsPath, 'examples');
    const items = readdirSync(dir)
      .filter((f) => /\.(c|m)?(j|t)s$/.test(f))
      // the classic puzzle first
      .sort((a, b) => Number(b === EXAMPLE_FIRST) - Number(a === EXAMPLE_FIRST) || a.localeCompare(b))
      .map((f) => ({ label: f, detail: readFileSync(join(dir, f), 'utf8').split('\n')[0].replace(/^\/\/\s*/, ''), file: f }));
    const pick = await vscode.window.showQuickPick(items, { title: 'Loopscope: copy an example into your workspace and trace it', matchOnDetail: true });
    if (!pick) return;
    const uri = copyExample(dir, pick.file, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? join(context.globalStorageUri.fsPath, 'examples'));
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preview: false });
    await ctl.trace(uri);
  });
  command('loopscope.openTraceFile', async () => {
    const [uri] = (await vscode.window.showOpenDialog({ filters: { 'Loopscope trace': ['json'] }, canSelectMany: false })) ?? [];
    if (!uri) return;
    try {
      const trace = readTraceFile(uri.fsPath);
      TracePanel.show(services, trace, currentSettings(), false);
    } catch (err) {
      void vscode.window.showErrorMessage(`Loopscope: ${(err as Error).message}`);
    }
  });
  command('loopscope.export', async () => {
    const panel = TracePanel.all().find((p) => p.panel.active && p.trace) ?? TracePanel.all().find((p) => p.trace);
    if (!panel?.trace) {
      void vscode.window.showInformationMessage('Loopscope: trace a file first; its panel exports the diagram and the trace.');
      return;
    }
    const pick = await vscode.window.showQuickPick(
      HOST_EXPORTS.map((e) => ({ label: e.label, format: e.format })),
      { title: 'Loopscope: export (SVG and PNG of the diagram are in the panel toolbar)' },
    );
    if (pick) await exportFromHost(panel.trace, pick.format, { windowSize: readSettings().windowSize, step: panel.step }, output);
  });
  command('loopscope.togglePresentation', () => {
    ctl.presentation = !ctl.presentation;
    for (const p of TracePanel.all()) p.applySettings(currentSettings());
    void vscode.window.setStatusBarMessage(`Loopscope presentation mode ${ctl.presentation ? 'on' : 'off'}`, 2500);
    // a class sees the panel alone: its editor group fills the window (the panel shows the code itself). The layout
    // changes run after the command has returned, one after the other, each bringing the layout to the mode as it is
    // then: toggled on and off quickly, the window ends as the mode says
    layoutChanges = layoutChanges.then(applyPresentationLayout).catch((err: unknown) => output.appendLine(`Presentation Mode: the window layout could not be changed (${String(err)})`));
  });
  command('loopscope.togglePredict', () => {
    ctl.predict = !ctl.predict;
    void context.globalState.update('loopscope.predict', ctl.predict);
    // the channel may hold the program's output from an earlier trace
    if (ctl.predict) output.clear();
    for (const p of TracePanel.all()) p.applySettings(currentSettings());
    void vscode.window.setStatusBarMessage(`Loopscope predict the output ${ctl.predict ? 'on: output is hidden until it prints' : 'off'}`, 2500);
  });
  command('loopscope.toggleRetraceOnSave', async () => {
    const config = vscode.workspace.getConfiguration('loopscope');
    const next = !config.get<boolean>('retraceOnSave', false);
    await config.update('retraceOnSave', next, vscode.ConfigurationTarget.Global);
    void vscode.window.setStatusBarMessage(`Loopscope re-trace on save ${next ? 'on' : 'off'}`, 2500);
  });

  // Re-trace on save: any open trace that uses the saved file is traced again, keeping its step.
  context.subscriptions.push(
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (!readSettings(doc.uri).retraceOnSave) return;
      for (const panel of TracePanel.all()) {
        const uses = panel.entry === doc.uri.fsPath || !!panel.trace?.sites.some((s) => s.file === doc.uri.fsPath);
        if (uses) void ctl.trace(vscode.Uri.file(panel.entry), { keepStep: true, quiet: true });
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('loopscope')) for (const p of TracePanel.all()) p.applySettings(currentSettings());
    }),
    // The cursor on a line selects the first step that line produced, in the panel for that file's trace.
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.kind !== vscode.TextEditorSelectionChangeKind.Mouse && e.kind !== vscode.TextEditorSelectionChangeKind.Keyboard) return;
      const file = e.textEditor.document.uri.fsPath;
      const line = e.selections[0].active.line + 1;
      for (const panel of TracePanel.all()) {
        const trace = panel.trace;
        if (!trace) continue;
        const steps = trace.steps;
        let found = -1;
        // the next step after the current one that came from this line, wrapping around
        for (let k = 1; k <= steps.length && found < 0; k++) {
          const i = (panel.step + k) % steps.length;
          const site = trace.sites[steps[i].site];
          if (site && site.file === file && site.line === line) found = i;
        }
        if (found >= 0 && found !== panel.step) panel.goToStep(found);
      }
    }),
    vscode.window.registerWebviewPanelSerializer(TracePanel.viewType, {
      async deserializeWebviewPanel(panel, state) {
        TracePanel.revive(panel, services, state, currentSettings());
      },
    }),
    decorations,
    findings,
    ctl,
    output,
  );

  return { controller: ctl, decorations, findings, panels: () => TracePanel.all() };
}

/** The example the picker lists first: the classic ordering puzzle. */
const EXAMPLE_FIRST = 'event-loop-puzzle.js';

/**
 * Copy a bundled example (and its requests file, if it has one) into `targetDir`/loopscope-examples, so a student's
 * edits change their copy, never the installed extension. An existing copy is kept (it may hold their edits).
 */
function copyExample(examplesDir: string, file: string, targetDir: string): vscode.Uri {
  const dest = join(targetDir, 'loopscope-examples');
  mkdirSync(dest, { recursive: true });
  const companions = [file, file.replace(/\.[^.]+$/, '.requests.json')];
  for (const f of companions) {
    if (existsSync(join(examplesDir, f)) && !existsSync(join(dest, f))) copyFileSync(join(examplesDir, f), join(dest, f));
  }
  return vscode.Uri.file(join(dest, file));
}

export function deactivate(): void {
  for (const p of TracePanel.all()) p.dispose();
}

function isSourceSite(v: unknown): v is SourceSite {
  const s = v as SourceSite | null;
  return typeof s === 'object' && s !== null && typeof s.file === 'string' && Number.isInteger(s.line) && Number.isInteger(s.column);
}
