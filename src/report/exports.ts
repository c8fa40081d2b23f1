// The exports the host derives from a trace (the view renders SVG and PNG itself): mermaid text of one window,
// Markdown with every window, the self-contained HTML report, and a Perfetto / Chrome trace-event file.
import type { Trace } from '../core/trace-format';
import { sequenceDiagramWindows, diagramMarkdown } from '../core/mermaid';
import { toPerfetto } from '../core/perfetto';
import { renderHtmlReport } from './html';

export type HostExportFormat = 'mermaid' | 'markdown' | 'json' | 'html' | 'perfetto';

export const HOST_EXPORTS: { format: HostExportFormat; label: string; ext: string }[] = [
  { format: 'mermaid', label: 'Sequence diagram (mermaid text, current window)', ext: 'mmd' },
  { format: 'markdown', label: 'Sequence diagram (Markdown, every window)', ext: 'md' },
  { format: 'json', label: 'Trace file (JSON)', ext: 'json' },
  { format: 'html', label: 'Self-contained HTML report', ext: 'html' },
  { format: 'perfetto', label: 'Perfetto / Chrome trace (JSON)', ext: 'perfetto.json' },
];

/** The text of an export (JSON is written by writeTraceFile, streamed, so it has no text here). */
export function renderHostExport(trace: Trace, format: HostExportFormat, options: { windowSize: number; step: number }): string {
  const windows = sequenceDiagramWindows(trace, { windowSize: options.windowSize });
  switch (format) {
    case 'mermaid':
      return (windows.find((w) => options.step >= w.fromStep && options.step <= w.toStep) ?? windows[0]).text;
    case 'markdown':
      return diagramMarkdown(trace, options.windowSize);
    case 'html':
      return renderHtmlReport(trace, { windowSize: options.windowSize });
    case 'perfetto':
      return JSON.stringify(toPerfetto(trace));
    case 'json':
      return '';
  }
}

