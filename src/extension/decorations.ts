// The current step's line in the editor: a themeable highlight and a short note after the line. Removed when the
// panel closes; never opens or focuses an editor on its own.
import * as vscode from 'vscode';
import type { SourceSite } from '../core/trace-format';

export class StepDecorations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('loopscope.currentStepBackground'),
    borderColor: new vscode.ThemeColor('loopscope.currentStepBorder'),
    borderStyle: 'solid',
    borderWidth: '1px 0 1px 0',
    overviewRulerColor: new vscode.ThemeColor('loopscope.currentStepBorder'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
    after: { color: new vscode.ThemeColor('loopscope.inlineNoteForeground'), margin: '0 0 0 2em', fontStyle: 'italic' },
  });
  private current: { source: SourceSite; note: string } | null = null;
  private readonly listener = vscode.window.onDidChangeVisibleTextEditors(() => this.apply());

  show(source: SourceSite | null, note: string): void {
    this.current = source ? { source, note } : null;
    this.apply(true);
  }

  /** Which editors show the current line (for tests and for the panel's "where am I"). */
  decoratedEditors(): vscode.TextEditor[] {
    if (!this.current) return [];
    return vscode.window.visibleTextEditors.filter((e) => e.document.uri.fsPath === this.current!.source.file);
  }

  private apply(reveal = false): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (!this.current || editor.document.uri.fsPath !== this.current.source.file) {
        editor.setDecorations(this.type, []);
        continue;
      }
      const line = Math.min(Math.max(0, this.current.source.line - 1), editor.document.lineCount - 1);
      const range = new vscode.Range(line, 0, line, editor.document.lineAt(line).text.length);
      editor.setDecorations(this.type, [{ range, renderOptions: { after: { contentText: `  ${this.current.note}` } } }]);
      if (reveal) editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }

  clear(): void {
    this.current = null;
    this.apply();
  }

  dispose(): void {
    this.clear();
    this.listener.dispose();
    this.type.dispose();
  }
}
