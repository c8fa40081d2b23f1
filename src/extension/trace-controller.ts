// Runs traces for the editor: which file, trust, unsaved changes, progress with Cancel, the output channel, and a
// message for every way it can go wrong that offers the next step.
import * as vscode from 'vscode';
import { basename, extname, join, resolve as resolvePath } from 'node:path';
import { requestsFileFor, readRequests } from '../runner/requests';
import { runTraced, TraceInputError } from '../runner/run-traced';
import { SCRIPT_EXTENSIONS } from '../instrument/prepare';
import type { Trace } from '../core/trace-format';
import { readSettings, workingDirectory, viewSettings } from './settings';
import { TracePanel, type PanelServices, revealSource } from './panel';

export interface TraceRequest {
  /** keep the panel's current step (re-trace on save) */
  keepStep?: boolean;
  /** no notifications for a run that goes fine (re-trace on save) */
  quiet?: boolean;
}

export class TraceController implements vscode.Disposable {
  private readonly running = new Map<string, AbortController>();
  presentation = false;
  predict = false;

  constructor(
    private readonly services: PanelServices,
    private readonly output: vscode.OutputChannel,
  ) {}

  /** How many traces are running (for tests and the cancel command). */
  get runningCount(): number {
    return this.running.size;
  }

  cancelAll(): void {
    for (const abort of this.running.values()) abort.abort();
  }

  /** The file a command was invoked on: the context menu's resource, else the active editor's document. */
  resolveTarget(arg?: unknown): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri) return arg;
    return vscode.window.activeTextEditor?.document.uri;
  }

  async trace(target: vscode.Uri | undefined, request: TraceRequest = {}): Promise<Trace | undefined> {
    if (!vscode.workspace.isTrusted) {
      const pick = await vscode.window.showWarningMessage(
        'Loopscope runs the program you trace, so it only works in a trusted workspace. This workspace is in Restricted Mode.',
        'Manage Workspace Trust',
      );
      if (pick) await vscode.commands.executeCommand('workbench.trust.manage');
      return undefined;
    }
    if (!target) {
      void vscode.window.showInformationMessage(`Loopscope: open a ${SCRIPT_EXTENSIONS.join(' ')} file to trace it.`);
      return undefined;
    }
    if (target.scheme === 'untitled') {
      void vscode.window.showInformationMessage('Loopscope runs your program from disk: save this file first, then trace it.');
      return undefined;
    }
    if (target.scheme !== 'file' || !SCRIPT_EXTENSIONS.includes(extname(target.fsPath).toLowerCase())) {
      void vscode.window.showInformationMessage(`Loopscope traces ${SCRIPT_EXTENSIONS.join(' ')} files; ${basename(target.fsPath)} is not one.`);
      return undefined;
    }
    const file = target.fsPath;
    const started = Date.now();
    this.running.get(file)?.abort(); // tracing the same file again replaces the older run
    const abort = new AbortController();
    this.running.set(file, abort);
    const settings = readSettings(target);
    const sourceOverrides: Record<string, string> = {};
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.isDirty && doc.uri.scheme === 'file' && SCRIPT_EXTENSIONS.includes(extname(doc.uri.fsPath).toLowerCase())) sourceOverrides[doc.uri.fsPath] = doc.getText();
    }
    this.output.appendLine(`\n--- ${new Date().toLocaleTimeString()} tracing ${file}${Object.keys(sourceOverrides).length ? ' (with unsaved changes)' : ''}`);
    // the panel opens now: VS Code starts its view while the program runs
    const panel = TracePanel.opening(this.services, file, viewSettings(settings, this));
    // the Output channel stays closed unless the user opens it; while predicting the output it does not get the
    // program's output at all (it would give away what prints next)
    const predicting = this.predict;
    if (predicting) this.output.appendLine('(the program\'s output is not shown here while Predict the Output is on: step through it in the panel)');

    let result: Awaited<ReturnType<typeof runTraced>> | undefined;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Loopscope: tracing ${basename(file)}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          progress.report({ message: 'running the program…' });
          // a server under load: the setting's file, else <program>.requests.json beside it
          const requestsFile = settings.requestsFile ? resolvePath(workingDirectory(settings, target), settings.requestsFile) : requestsFileFor(file);
          if (requestsFile) progress.report({ message: `running the server and sending the requests in ${basename(requestsFile)}…` });
          return runTraced({
            requests: requestsFile ? readRequests(requestsFile) : undefined,
            entry: file,
            args: settings.programArgs,
            node: settings.nodePath,
            cwd: workingDirectory(settings, target),
            env: { ...process.env, ...settings.env },
            timeoutMs: settings.timeoutMs,
            maxEvents: settings.maxEvents,
            exclude: settings.userCodeExclude,
            // instrumented files kept between traces (re-trace on save instruments only what changed)
            cacheDir: join(this.services.storageDir, 'instrument-cache'),
            stdio: 'pipe',
            signal: abort.signal,
            sourceOverrides,
            onOutput: (_stream, chunk) => {
              if (!predicting) this.output.append(chunk);
            },
          });
        },
      );
    } catch (err) {
      this.running.delete(file);
      if (!panel.trace) panel.status('failed', `Could not trace ${basename(file)}: ${(err as Error)?.message ?? String(err)}`);
      await this.explainFailure(err);
      return undefined;
    } finally {
      if (this.running.get(file) === abort) this.running.delete(file);
    }
    const trace = result.trace;
    this.output.appendLine(`--- exit ${trace.program.exitCode ?? trace.program.signal}, ${trace.tasks.length} tasks, ${trace.steps.length} steps`);
    timing(this.output, `traced ${basename(file)} in ${Date.now() - started} ms (program ${trace.program.durationMs} ms)`);
    if (abort.signal.aborted && !TracePanel.get(file)) {
      void vscode.window.showInformationMessage(`Loopscope: the trace of ${basename(file)} was stopped because its panel was closed.`);
      return trace;
    }
    TracePanel.show(this.services, trace, viewSettings(settings, this), request.keepStep ?? false, !request.quiet);
    this.explainEnding(trace, request.quiet ?? false);
    return trace;
  }

  /** The panel was closed: stop its trace if one is running. */
  panelClosed(entry: string): void {
    this.running.get(entry)?.abort();
  }

  private explainEnding(trace: Trace, quiet: boolean): void {
    const name = basename(trace.program.entry);
    const p = trace.program;
    if (p.stopped === 'cancelled') {
      void vscode.window.showInformationMessage(`Loopscope: tracing ${name} was cancelled; what was recorded is shown.`);
    } else if (p.stopped) {
      const still = p.activeResources?.length ? ` Still open: ${[...new Set(p.activeResources)].join(', ')}.` : '';
      void vscode.window
        .showWarningMessage(`Loopscope stopped ${name} at the ${p.stopped === 'max-events' ? 'event' : 'time'} limit (${p.stopDetail ?? ''}).${still} The trace up to that point is shown.`, 'Open Settings', 'Show Output')
        .then((pick) => {
          if (pick === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', p.stopped === 'max-events' ? 'loopscope.maxEvents' : 'loopscope.timeoutMs');
          if (pick === 'Show Output') this.output.show();
        });
    } else if (p.error && this.predict) {
      // the error's message is output the class has not predicted yet: say only that there is one
      void vscode.window.showWarningMessage(`${name} ended with ${p.error.origin === 'unhandledRejection' ? 'an unhandled rejection' : 'an uncaught exception'}; step to the end of the trace to see it.`);
    } else if (p.error) {
      const at = p.error.source ? ` (line ${p.error.source.line})` : '';
      void vscode.window
        .showWarningMessage(`${name} ended with ${p.error.origin === 'unhandledRejection' ? 'an unhandled rejection' : 'an uncaught exception'}: ${p.error.name}: ${p.error.message}${at}. The trace up to then is shown.`, ...(p.error.source ? ['Open the Line'] : []), 'Show Output')
        .then((pick) => {
          if (pick === 'Open the Line' && p.error?.source) void revealSource(p.error.source);
          if (pick === 'Show Output') this.output.show();
        });
    } else if (!quiet && p.exitCode !== 0) {
      void vscode.window.showInformationMessage(`Loopscope: ${name} exited with code ${p.exitCode ?? p.signal}.`);
    }
  }

  private async explainFailure(err: unknown): Promise<void> {
    if (err instanceof TraceInputError) {
      const [first] = err.message.split('\n');
      this.output.appendLine(err.message);
      if (err.location) {
        const pick = await vscode.window.showErrorMessage(`Loopscope: ${first}`, 'Open the Line', 'Show Output');
        if (pick === 'Open the Line') await revealSource(err.location);
        if (pick === 'Show Output') this.output.show();
      } else if (/Node\.js not found|did not start under the tracer/.test(first)) {
        const pick = await vscode.window.showErrorMessage(`Loopscope: ${first}`, 'Open Settings');
        if (pick) await vscode.commands.executeCommand('workbench.action.openSettings', 'loopscope.nodePath');
      } else {
        void vscode.window.showErrorMessage(`Loopscope: ${first}`);
      }
      return;
    }
    const e = err as Error;
    this.output.appendLine(`[internal error] ${e?.stack ?? String(err)}`);
    const pick = await vscode.window.showErrorMessage(`Loopscope could not trace the file: ${e?.message ?? err}`, 'Show Output');
    if (pick) this.output.show();
  }

  dispose(): void {
    this.cancelAll();
    this.running.clear();
  }
}

/** Phase timings, only when LOOPSCOPE_TIMING is set (the e2e test reads them): in the output channel and on the console. */
export function timing(output: vscode.OutputChannel, what: string): void {
  if (!process.env.LOOPSCOPE_TIMING) return;
  const line = `[timing ${new Date().toISOString().slice(11, 23)}] ${what}`;
  output.appendLine(line);
  console.log(`[loopscope] ${line}`);
}
