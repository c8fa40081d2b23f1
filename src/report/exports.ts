// The exports the host derives from a trace (the view renders SVG and PNG itself): mermaid text of one window,
// Markdown with every window, the trace file (JSON or the compact binary form), the self-contained HTML report, and a
// Perfetto / Chrome trace-event file. The CLI, the Export command and the panel's buttons all write through here.
import { writeFileSync } from 'node:fs';
import { writeTraceFile, writeBinaryTraceFile } from '../runner/trace-file';
import type { Trace } from '../core/trace-format';
import type { Sources } from '../protocol';
import { sequenceDiagramWindows, diagramMarkdown } from '../core/mermaid';
import { toPerfetto } from '../core/perfetto';
import { renderHtmlReport } from './html';
import { HOST_EXPORTS, type HostExportFormat } from '../protocol';

export { HOST_EXPORTS, type HostExportFormat };

/** The text of an export (the trace files are written part by part by writeHostExport, so they have no text here). */
export function renderHostExport(trace: Trace, format: HostExportFormat, options: { windowSize: number; step: number; sources?: Sources }): string {
  const windows = sequenceDiagramWindows(trace, { windowSize: options.windowSize });
  switch (format) {
    case 'mermaid':
      return (windows.find((w) => options.step >= w.fromStep && options.step <= w.toStep) ?? windows[0]).text;
    case 'markdown':
      return diagramMarkdown(trace, options.windowSize);
    case 'html':
      return renderHtmlReport(trace, { windowSize: options.windowSize, ...(options.sources ? { sources: options.sources } : {}) });
    case 'perfetto':
      return JSON.stringify(toPerfetto(trace));
    case 'json':
    case 'lstrace':
      return '';
  }
}

/** Write an export to `path`: the trace files part by part, the others as their text. */
export function writeHostExport(path: string, trace: Trace, format: HostExportFormat, options: { windowSize: number; step: number; sources?: Sources }): void {
  if (format === 'json') writeTraceFile(path, trace);
  else if (format === 'lstrace') writeBinaryTraceFile(path, trace);
  else writeFileSync(path, renderHostExport(trace, format, options));
}

