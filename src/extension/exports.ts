// Saving exports: what the view rendered (SVG, PNG) and what the host derives from the trace (mermaid, Markdown, the
// trace file as JSON or .lstrace, the HTML report, a Perfetto trace).
import * as vscode from 'vscode';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Trace } from '../core/trace-format';
import type { ExportFile } from '../protocol';
import { writeHostExport, HOST_EXPORTS, type HostExportFormat } from '../report/exports';
import { readSources } from '../report/html';

export { HOST_EXPORTS, type HostExportFormat };

function stem(trace: Trace): string {
  return basename(trace.program.entry).replace(/\.[^.]+$/, '');
}

async function pickTarget(trace: Trace, fileName: string, filterName: string, ext: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const defaultUri = folder ? vscode.Uri.joinPath(folder, fileName) : vscode.Uri.file(trace.program.entry.replace(/[^/]+$/, fileName));
  return vscode.window.showSaveDialog({ defaultUri, filters: { [filterName]: [ext.split('.').pop()!] }, saveLabel: 'Export' });
}

/**
 * A file the view asked for: one it rendered (SVG or PNG of the diagram, a window's mermaid text), or, with empty data,
 * one the host builds from the trace (JSON, Markdown, Perfetto, the HTML report), with the panel's own settings.
 */
export async function saveExport(file: ExportFile, trace: Trace, options: { windowSize: number; step: number }, output: vscode.OutputChannel): Promise<void> {
  const derived = file.data === '' ? HOST_EXPORTS.find((e) => e.format === file.format) : undefined;
  if (derived) {
    await exportFromHost(trace, derived.format, options, output, file.fileName);
    return;
  }
  const target = await pickTarget(trace, file.fileName, file.format.toUpperCase(), file.fileName.split('.').pop() ?? file.format);
  if (!target) return;
  const data = file.format === 'png' ? Buffer.from(file.data.replace(/^data:image\/png;base64,/, ''), 'base64') : file.data;
  writeFileSync(target.fsPath, data);
  output.appendLine(`[export] ${file.format} written to ${target.fsPath}`);
  void vscode.window.showInformationMessage(`Loopscope: exported ${basename(target.fsPath)}`);
}

export async function exportFromHost(trace: Trace, format: HostExportFormat, options: { windowSize: number; step: number }, output: vscode.OutputChannel, fileName?: string): Promise<vscode.Uri | undefined> {
  const meta = HOST_EXPORTS.find((e) => e.format === format)!;
  const target = await pickTarget(trace, fileName ?? `${stem(trace)}.${meta.ext}`, meta.label, meta.ext);
  if (!target) return undefined;
  writeHostExport(target.fsPath, trace, format, { ...options, ...(format === 'html' ? { sources: readSources(trace) } : {}) });
  output.appendLine(`[export] ${format} written to ${target.fsPath}`);
  void vscode.window.showInformationMessage(`Loopscope: exported ${basename(target.fsPath)}`);
  return target;
}
