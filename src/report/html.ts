// Placeholder replaced below by the real report.
import type { Trace } from '../core/trace-format';
export function renderHtmlReport(trace: Trace, _o: { windowSize: number }): string {
  return `<pre>${JSON.stringify(trace.program)}</pre>`;
}
