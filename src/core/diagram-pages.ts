// The sequence diagram as pages for a viewer: windows computed once per trace (small enough for mermaid's text limit),
// the window that holds a step, that window's text with the current step highlighted, and which drawn element
// belongs to a step.
import { sequenceDiagramWindows, renderWindow, type DiagramWindow } from './mermaid';
import type { Trace } from './trace-format';
import { upperBound } from './stepping';

/** mermaid's default maxTextSize: above it mermaid draws a placeholder instead of the diagram. */
export const MERMAID_MAX_TEXT = 50_000;

export interface DiagramPages {
  windows: DiagramWindow[];
  /** the window size actually used (smaller than asked when a window's text was too long) */
  windowSize: number;
  /** fromStep of each window, ascending */
  starts: number[];
}

/** Cut the trace into windows; halve the window size until every window's text fits under `maxText`. */
export function diagramPages(trace: Trace, windowSize: number, maxText = MERMAID_MAX_TEXT): DiagramPages {
  let size = Math.max(10, Math.floor(windowSize));
  for (;;) {
    const windows = sequenceDiagramWindows(trace, { windowSize: size });
    if (size <= 10 || windows.every((w) => w.text.length < maxText)) {
      return { windows, windowSize: size, starts: windows.map((w) => w.fromStep) };
    }
    size = Math.max(10, Math.floor(size / 2));
  }
}

/** Index of the window that holds `step` (the last window for steps past the end). */
export function windowIndexForStep(pages: DiagramPages, step: number): number {
  return Math.max(0, upperBound(pages.starts, step) - 1);
}

/** Window `index`'s mermaid text with `currentStep` highlighted, exactly as sequenceDiagramWindows(trace,
 * {windowSize, currentStep}) produces it, without regenerating every window of a big trace. */
export function highlightedWindowText(trace: Trace, pages: DiagramPages, index: number, currentStep: number): string {
  const window = pages.windows[index];
  if (!window) return '';
  if (currentStep < window.fromStep || currentStep > window.toStep) return window.text;
  return renderWindow(trace, window.fromStep, window.toStep, currentStep).text;
}

export interface DrawnElement {
  kind: 'message' | 'note';
  /** n-th element of that kind in the rendered SVG */
  index: number;
}

/** The element drawn for `step`, or for the closest step before it in the window that drew something. */
export function elementForStep(window: DiagramWindow, step: number): DrawnElement | null {
  let best: DrawnElement | null = null;
  let bestStep = -1;
  const scan = (steps: number[], kind: DrawnElement['kind']) => {
    // steps are ascending within a window; take the last one <= step
    const i = upperBound(steps, step) - 1;
    if (i >= 0 && steps[i] > bestStep) {
      best = { kind, index: i };
      bestStep = steps[i];
    }
  };
  // messages first: when a step drew both, its message is the one to point at
  scan(window.messageSteps, 'message');
  scan(window.noteSteps, 'note');
  return best;
}
