// Findings of a trace as diagnostics in the Problems panel, on the line to change (for a race, the line that acts on
// stale state; for an unhandled rejection, where the promise was made), with the other moments as related places and
// a quick action that shows the moment in the panel.
import * as vscode from 'vscode';
import type { Trace, Finding, FindingSite } from '../core/trace-format';
import { primarySite, ROLE_WORDS } from '../core/findings';


export class FindingDiagnostics implements vscode.Disposable, vscode.CodeActionProvider {
  private readonly collection = vscode.languages.createDiagnosticCollection('loopscope');
  /** where each diagnostic's moment is in its trace: the panel step a quick action goes to */
  private readonly stepOf = new WeakMap<vscode.Diagnostic, { entry: string; step: number; site: FindingSite }>();
  private readonly provider = vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] });

  provideCodeActions(_doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((d) => {
      const at = this.stepOf.get(d);
      if (d.source !== 'Loopscope' || !at) return [];
      const action = new vscode.CodeAction('Show this in the Loopscope panel', vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.command = { command: 'loopscope.showStep', title: 'Show this in the Loopscope panel', arguments: [at.entry, at.step, { file: at.site.file, line: at.site.line, column: at.site.column }] };
      return [action];
    });
  }
  /** entry file -> files it put diagnostics on */
  private readonly byTrace = new Map<string, Set<string>>();

  show(trace: Trace): void {
    this.clear(trace.program.entry);
    const perFile = new Map<string, vscode.Diagnostic[]>();
    for (const f of trace.findings) {
      const d = toDiagnostic(f);
      if (!d) continue;
      // the moment of the diagnostic's own line, else the first moment the run shows
      const step = d.primary.step ?? f.sites.find((s) => s.step !== undefined)?.step;
      if (step !== undefined) this.stepOf.set(d.diagnostic, { entry: trace.program.entry, step, site: d.primary });
      const file = d.file;
      const list = perFile.get(file) ?? [];
      list.push(d.diagnostic);
      perFile.set(file, list);
    }
    for (const [file, list] of perFile) {
      const uri = vscode.Uri.file(file);
      this.collection.set(uri, [...(this.collection.get(uri) ?? []), ...list]);
    }
    this.byTrace.set(trace.program.entry, new Set(perFile.keys()));
  }

  clear(entry: string): void {
    for (const file of this.byTrace.get(entry) ?? []) this.collection.delete(vscode.Uri.file(file));
    this.byTrace.delete(entry);
  }

  get(file: string): readonly vscode.Diagnostic[] {
    return this.collection.get(vscode.Uri.file(file)) ?? [];
  }

  dispose(): void {
    this.provider.dispose();
    this.collection.dispose();
  }
}

function range(line: number, column: number): vscode.Range {
  // to the end of the line (VS Code clamps the end to the line length)
  return new vscode.Range(Math.max(0, line - 1), Math.max(0, column - 1), Math.max(0, line - 1), Math.max(column, 1000));
}

function toDiagnostic(f: Finding): { file: string; primary: FindingSite; diagnostic: vscode.Diagnostic } | null {
  const primary = primarySite(f);
  if (!primary) return null;
  const d = new vscode.Diagnostic(range(primary.line, primary.column), f.message, vscode.DiagnosticSeverity.Warning);
  d.source = 'Loopscope';
  d.code = f.kind;
  d.relatedInformation = f.sites
    .filter((s) => s !== primary)
    .map((s) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(s.file), range(s.line, s.column)), ROLE_WORDS[s.role]?.sentence ?? s.role));
  return { file: primary.file, primary, diagnostic: d };
}
