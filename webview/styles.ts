// The viewer's stylesheet. Colours come only from CSS variables: our own light/dark palette in the HTML report,
// VS Code's --vscode-* variables inside VS Code (body.vscode-light / vscode-dark / vscode-high-contrast).
// --ls-font-scale enlarges everything for a projector.

import { QUEUE_INFO, LOOP_ORDER } from '../src/core/queues';

export const STYLE_ID = 'loopscope-style';

/** The --ls-q-* colour variables of one palette, from the queue table. */
function queueColours(palette: 'light' | 'dark' | 'vscode'): string {
  return LOOP_ORDER.map((q) => `--ls-q-${q}: ${QUEUE_INFO[q].colour[palette]};`).join(' ');
}

export const VIEWER_CSS = `
:root {
  color-scheme: light dark;
  --ls-bg: #f4f5f7; --ls-panel: #ffffff; --ls-fg: #1b1f24; --ls-muted: #58616b; --ls-border: #cfd6de;
  --ls-accent: #0a5fd1; --ls-accent-fg: #ffffff; --ls-link: #0a5fd1; --ls-focus: #0a5fd1; --ls-chip: #e9edf1;
  --ls-current-bg: #fff1b8; --ls-current-fg: #1b1f24; --ls-entered: #137333; --ls-left: #8a4bd6;
  --ls-stderr: #b3261e; --ls-bad: #b3261e; --ls-warn: #8a5a00;
  ${queueColours('light')}
  --ls-coroutine: #0f7a8a; --ls-wait: #7b8591; --ls-on-q: #ffffff;
  --ls-font: system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif;
  --ls-mono: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
  --ls-base-size: 15px;
}
@media (prefers-color-scheme: dark) {
  :root {
    --ls-bg: #0f1419; --ls-panel: #171d24; --ls-fg: #e7ecf1; --ls-muted: #a2adb9; --ls-border: #34404c;
    --ls-accent: #5aa2ff; --ls-accent-fg: #0b1220; --ls-link: #79b4ff; --ls-focus: #79b4ff; --ls-chip: #242c35;
    --ls-current-bg: #4a3d0c; --ls-current-fg: #fff4cc; --ls-entered: #4fd07a; --ls-left: #c59bff;
    --ls-stderr: #ff8a80; --ls-bad: #ff8a80; --ls-warn: #f2c14e;
    ${queueColours('dark')}
    --ls-coroutine: #3cc6d6; --ls-wait: #8d98a5; --ls-on-q: #0b1220;
  }
}
body.vscode-light, body.vscode-dark, body.vscode-high-contrast, body.vscode-high-contrast-light {
  --ls-bg: var(--vscode-editor-background, #1e1e1e); --ls-panel: var(--vscode-sideBar-background, var(--vscode-editor-background, #252526));
  --ls-fg: var(--vscode-foreground, #cccccc); --ls-muted: var(--vscode-descriptionForeground, #9d9d9d);
  --ls-border: var(--vscode-panel-border, var(--vscode-widget-border, #454545));
  --ls-accent: var(--vscode-button-background, #0e639c); --ls-accent-fg: var(--vscode-button-foreground, #ffffff);
  --ls-link: var(--vscode-textLink-foreground, #3794ff);
  --ls-focus: var(--vscode-focusBorder, #007fd4); --ls-chip: var(--vscode-badge-background, #4d4d4d);
  --ls-current-bg: var(--vscode-editor-findMatchHighlightBackground, rgba(234, 92, 0, 0.33)); --ls-current-fg: var(--vscode-foreground, #cccccc);
  --ls-entered: var(--vscode-charts-green, #89d185); --ls-left: var(--vscode-charts-purple, #b180d7);
  --ls-stderr: var(--vscode-errorForeground, #f48771); --ls-bad: var(--vscode-errorForeground, #f48771); --ls-warn: var(--vscode-editorWarning-foreground, #cca700);
  ${queueColours('vscode')}
  --ls-coroutine: var(--vscode-charts-blue, #3794ff); --ls-wait: var(--vscode-descriptionForeground, #9d9d9d);
  --ls-on-q: var(--vscode-editor-background, #1e1e1e);
  --ls-font: var(--vscode-font-family, system-ui, sans-serif); --ls-mono: var(--vscode-editor-font-family, monospace);
  --ls-base-size: var(--vscode-font-size, 13px);
}
body.vscode-high-contrast .ls-btn, body.vscode-high-contrast-light .ls-btn { border-color: var(--vscode-contrastBorder, #6fc3df); }
body.vscode-high-contrast .ls-card, body.vscode-high-contrast .ls-panel,
body.vscode-high-contrast-light .ls-card, body.vscode-high-contrast-light .ls-panel { border-color: var(--vscode-contrastBorder, #6fc3df); }

body { margin: 0; background: var(--ls-bg); color: var(--ls-fg); }
.ls-app {
  --ls-font-scale: 1;
  font-family: var(--ls-font); font-size: calc(var(--ls-base-size) * var(--ls-font-scale)); line-height: 1.4;
  color: var(--ls-fg); background: var(--ls-bg);
  display: flex; flex-direction: column; gap: 0.6em; padding: 0.75em; box-sizing: border-box; min-height: 100vh;
}
.ls-app *, .ls-app *::before, .ls-app *::after { box-sizing: border-box; }
.ls-app h1, .ls-app h2, .ls-app h3, .ls-app p { margin: 0; }
.ls-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.ls-app :focus-visible { outline: 3px solid var(--ls-focus); outline-offset: 2px; }

/* buttons */
.ls-btn {
  font: inherit; color: var(--ls-fg); background: var(--ls-chip); border: 1px solid var(--ls-border); border-radius: 6px;
  min-height: 2.2em; min-width: 2.4em; padding: 0.2em 0.55em; display: inline-flex; align-items: center; justify-content: center; gap: 0.35em; cursor: pointer;
}
.ls-btn:hover:not(:disabled) { border-color: var(--ls-accent); }
.ls-btn:disabled { opacity: 0.4; cursor: default; }
body.vscode-high-contrast .ls-btn:disabled, body.vscode-high-contrast-light .ls-btn:disabled { opacity: 1; background: transparent; color: var(--vscode-disabledForeground, currentColor); border-style: dashed; }
.ls-btn.ls-play { background: var(--ls-accent); color: var(--ls-accent-fg); border-color: var(--ls-accent); min-width: 3em; }
.ls-icon { width: 1em; height: 1em; fill: currentColor; flex: none; }
.ls-link { font: inherit; line-height: inherit; color: var(--ls-link); background: none; border: none; padding: 0 0.2em; cursor: pointer; text-decoration: underline; text-underline-offset: 2px; }
.ls-link[hidden] { display: none; }
.ls-toolbar { display: inline-flex; gap: 0.3em; align-items: center; flex-wrap: wrap; }

/* program header */
.ls-program { display: flex; flex-direction: column; gap: 0.3em; }
.ls-program-main { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em; }
.ls-brand { font-weight: 700; color: var(--ls-link); letter-spacing: 0.02em; }
.ls-entry { font-size: 1.25em; font-weight: 700; overflow-wrap: anywhere; }
.ls-chip { background: var(--ls-chip); border-radius: 999px; padding: 0.1em 0.65em; font-size: 0.85em; }
.ls-chip.ls-bad { color: var(--ls-bad); font-weight: 600; }
.ls-chip.ls-warn { color: var(--ls-warn); font-weight: 600; }
.ls-program-tools { margin-left: auto; }
.ls-program-error { color: var(--ls-bad); overflow-wrap: anywhere; }
.ls-program-note { color: var(--ls-muted); font-size: 0.9em; }

/* controls and the current step */
.ls-bar { background: var(--ls-panel); border: 1px solid var(--ls-border); border-radius: 8px; padding: 0.4em 0.6em; display: flex; flex-direction: column; gap: 0.25em; }
.ls-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4em; }
.ls-speed { font: inherit; color: var(--ls-fg); background: var(--ls-chip); border: 1px solid var(--ls-border); border-radius: 6px; min-height: 2.2em; padding: 0 0.3em; }
.ls-slider { flex: 1 1 12em; min-width: 8em; accent-color: var(--ls-accent); height: 2em; }
.ls-counter { font-variant-numeric: tabular-nums; font-weight: 700; white-space: nowrap; }
.ls-now-main { min-height: 2.8em; font-size: 1.2em; font-weight: 600; overflow-wrap: anywhere; }
.ls-now-main > * { margin-right: 0.4em; }
.ls-kind { font-size: 0.62em; font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; padding: 0.15em 0.5em; border-radius: 4px; background: var(--ls-chip); color: var(--ls-fg); display: inline-block; vertical-align: 0.2em; line-height: 1.2; }
.ls-kind:empty { display: none; }
.ls-kind-await, .ls-kind-resume { background: var(--ls-coroutine); color: var(--ls-on-q); }
.ls-kind-schedule, .ls-kind-settle { background: var(--ls-q-microtask); color: var(--ls-on-q); }
.ls-kind-output { background: var(--ls-q-immediate); color: var(--ls-on-q); }
.ls-kind-node { background: var(--ls-q-main); color: var(--ls-on-q); }
.ls-item.ls-internal { opacity: 0.7; border-style: dotted; }
.ls-kind-run { background: var(--ls-accent); color: var(--ls-accent-fg); }
.ls-step-source { font-size: 0.75em; font-weight: 400; font-family: var(--ls-mono); }
.ls-now-task { color: var(--ls-muted); font-size: 0.9em; display: flex; flex-wrap: wrap; gap: 0.4em; overflow-wrap: anywhere; }
.ls-why { color: var(--ls-fg); font-style: italic; font-size: 0.9em; min-height: 2.8em; }
.ls-now-task { min-height: 1.4em; }
.ls-ask { display: none; margin: 0.4em 0 0; padding: 0.35em 0.7em; border-left: 4px solid var(--ls-accent, #d4a017); font-weight: 600; }
.ls-predict-on .ls-ask { display: block; visibility: hidden; }
.ls-predict-on.ls-asking .ls-ask { visibility: visible; }
.ls-findings summary { cursor: pointer; font-size: 1em; }
.ls-requests { display: flex; flex-wrap: wrap; gap: 0.3em; }
.ls-findings { padding: 0.3em 0.75em; border-left: 4px solid var(--vscode-editorWarning-foreground, #c27c00); background: var(--vscode-textBlockQuote-background, var(--ls-chip)); color: var(--ls-fg); }
.ls-finding + .ls-finding { margin-top: 0.6em; }
.ls-finding p { margin: 0.2em 0; }
.ls-finding-moments .ls-btn { margin-right: 0.4em; }
.ls-status { margin: 2em; font-size: calc(1.1em * var(--ls-font-scale, 1)); color: var(--ls-fg); }
.ls-status-failed { color: var(--vscode-errorForeground, #c72e0f); }
body.ls-retracing .ls-app { opacity: 0.6; transition: opacity 0.2s; }

/* layout: the event loop, the code and the console on one screen; the timeline and the diagram in their own tabs */
@media (min-height: 480px) { .ls-app { height: 100vh; } }
.ls-tabs { display: flex; gap: 0.2em; border-bottom: 1px solid var(--ls-border); margin-bottom: -0.3em; }
.ls-tab { font: inherit; font-weight: 600; color: var(--ls-muted); background: none; border: 1px solid transparent; border-bottom: none; border-radius: 6px 6px 0 0; padding: 0.2em 0.9em; cursor: pointer; }
.ls-tab[aria-selected="true"] { color: var(--ls-fg); background: var(--ls-panel); border-color: var(--ls-border); box-shadow: inset 0 3px 0 var(--ls-link); }
.ls-tabpanel { flex: 1 1 0; min-height: 14em; display: flex; flex-direction: column; container-type: size; container-name: stage; }
.ls-tabpanel > .ls-panel { flex: 1 1 0; min-height: 0; }
/* a hidden tab stays laid out off screen (mermaid measures text as it draws) */
.ls-tabpanel.ls-tab-hidden { position: absolute; left: -100000px; top: 0; width: calc(100vw - 2em); height: 80vh; }
.ls-stage { flex: 1 1 0; min-height: 0; display: grid; gap: 0.5em; overflow-y: auto;
  grid-template-columns: minmax(0, 1fr); grid-template-rows: 11em minmax(7em, auto) minmax(min-content, auto) 12em; grid-template-areas: "code" "stack" "loop" "console"; }
/* narrow: the stage scrolls, each part keeps a readable height */
.ls-stage > .ls-card-stack { min-height: 7em; }
.ls-code { grid-area: code; } .ls-card-stack { grid-area: stack; } .ls-loop { grid-area: loop; } .ls-console { grid-area: console; }
@container stage (min-width: 520px) {
  .ls-stage { overflow: hidden; }
  .ls-stage > * { min-height: 0 !important; contain: layout paint; }
  .ls-stage { grid-template-columns: minmax(0, 1fr) minmax(0, 1.1fr); grid-template-rows: minmax(0, 0.7fr) minmax(0, 0.8fr) minmax(0, 1fr); grid-template-areas: "code code" "stack loop" "console loop"; }
}
@container stage (min-width: 860px) {
  .ls-stage { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.15fr); grid-template-rows: minmax(0, 1fr) minmax(0, 1fr); grid-template-areas: "code code loop" "stack console loop"; }
}
.ls-console .ls-console-lines { flex: 1 1 0; max-height: none; }
.ls-panel { background: var(--ls-panel); border: 1px solid var(--ls-border); border-radius: 8px; padding: 0.4em 0.6em; min-width: 0; display: flex; flex-direction: column; gap: 0.35em; }
.ls-panel-head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.6em; }
.ls-panel-title { font-size: 1em; font-weight: 700; }
.ls-loop-name { font-weight: 600; color: var(--ls-muted); }
.ls-loop-pick { margin-left: 0.5em; font: inherit; font-size: 0.8em; font-weight: 400; max-width: 16em; color: var(--ls-fg); background: var(--ls-chip); border: 1px solid var(--ls-border); border-radius: 6px; }
.ls-help { color: var(--ls-muted); font-size: 0.85em; }
@media (max-height: 1000px) { .ls-help { display: none; } }
/* Presentation Mode: bigger everything, none of the controls a class does not need */
.ls-presenting .ls-why { font-size: 0.8em; min-height: 0; }
/* the panel has the whole window: a headline of one line, no line kept for a second */
.ls-presenting .ls-now-main { min-height: 1.4em; }
.ls-presenting .ls-noise, .ls-presenting .ls-loop .ls-item-detail, .ls-presenting .ls-export, .ls-presenting .ls-card-hint, .ls-presenting .ls-program, .ls-presenting .ls-speed { display: none !important; }

/* code */
.ls-code-file { color: var(--ls-muted); font-family: var(--ls-mono); font-size: 0.85em; }
.ls-code-lines { flex: 1 1 0; min-height: 0; overflow: auto; position: relative; font-family: var(--ls-mono); font-size: 0.95em; line-height: 1.45; background: var(--ls-bg); border: 1px solid var(--ls-border); border-radius: 6px; padding: 0.2em 0; }
.ls-code-line { display: flex; gap: 0.8em; padding: 0 0.5em; border-left: 4px solid transparent; white-space: pre; }
.ls-code-no { color: var(--ls-muted); min-width: 2.2em; text-align: right; flex: none; user-select: none; }
.ls-code-text { font: inherit; color: inherit; background: none; padding: 0; border: none; }
.ls-code-current { background: var(--ls-current-bg); color: var(--ls-current-fg); border-left-color: var(--ls-link); font-weight: 600; }
.ls-code-current.ls-code-context { font-weight: 400; }

/* event loop */
.ls-loop { overflow: hidden; }
/* a queue with work is a full-width card; an empty one is a chip, several to a row, in the loop's order */
.ls-cards { display: flex; flex-flow: row wrap; align-content: flex-start; gap: 0.3em; flex: 1 1 auto; min-height: 0; overflow-y: auto; }
/* (basis auto: in a narrow panel the queues row is as tall as its cards; in the grid of a wide one they scroll) */
.ls-cards > .ls-card { flex: 1 1 100%; }
.ls-cards > .ls-card:not(.ls-nonempty) { flex: 1 1 auto; opacity: 0.85; font-size: 0.82em; padding: 0.1em 0.4em; }
.ls-loop .ls-card:not(.ls-nonempty) .ls-empty { display: none; }
.ls-card {
  border: 1px solid var(--ls-border); border-left: 5px solid var(--ls-q-main); border-radius: 6px; padding: 0.25em 0.45em; min-width: 0; background: var(--ls-panel);
  display: flex; flex-direction: column; flex: 0 0 auto;
}
.ls-card > .ls-items { position: relative; min-height: 0; overflow-y: auto; padding: 2px; margin: -2px; flex-direction: row; flex-wrap: wrap; }
.ls-card > .ls-items > li { max-width: 100%; }
.ls-loop .ls-card:not(.ls-nonempty) { flex-direction: row; align-items: baseline; gap: 0.5em; }
.ls-loop .ls-card:not(.ls-nonempty) .ls-card-hint { display: none; }
.ls-loop .ls-card:not(.ls-nonempty) > .ls-items { flex: 1 1 auto; }
.ls-loop .ls-item { padding-top: 0.1em; padding-bottom: 0.1em; }
.ls-loop .ls-item-meta { flex-basis: auto; }
.ls-card-stack { border-left-color: var(--ls-fg); overflow: hidden; }
.ls-card-stack > .ls-items { overflow-y: auto; flex: 1 1 0; flex-direction: column; flex-wrap: nowrap; }
.ls-card.ls-active { box-shadow: 0 0 0 2px var(--ls-link); }
.ls-card-title { font-size: 0.95em; font-weight: 700; display: flex; align-items: center; gap: 0.4em; }
.ls-card-hint { font-size: 0.78em; font-weight: 400; color: var(--ls-muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; flex: 0 1 auto; }
.ls-count { margin-left: auto; font-size: 0.8em; font-weight: 600; background: var(--ls-chip); border-radius: 999px; padding: 0 0.5em; font-variant-numeric: tabular-nums; }
.ls-dot { width: 0.7em; height: 0.7em; border-radius: 2px; background: var(--ls-q-main); flex: none; }
.ls-stack-task { font-size: 0.8em; color: var(--ls-muted); margin-bottom: 0.25em !important; overflow-wrap: anywhere; }
${LOOP_ORDER.filter((q) => q !== 'main').map((q) => `.ls-q-${q} { border-left-color: var(--ls-q-${q}); } .ls-q-${q} .ls-dot, .ls-q-${q} .ls-item::before { background: var(--ls-q-${q}); }`).join('\n')}
.ls-items { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.25em; }
.ls-items > li { min-width: 0; }
.ls-item, .ls-frame {
  font: inherit; color: var(--ls-fg); text-align: left; width: 100%; cursor: pointer; position: relative;
  display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 0.4em; padding: 0.25em 0.45em 0.25em 0.75em;
  border: 1px solid var(--ls-border); border-radius: 5px; background: var(--ls-bg);
}
.ls-item::before { content: ""; position: absolute; left: 0; top: 0; bottom: 0; width: 0.3em; border-radius: 5px 0 0 5px; background: var(--ls-q-main); }
.ls-frame { padding-left: 0.45em; }
.ls-task-frame { border-left: 5px solid var(--ls-q-main); }
.ls-task-frame .ls-tag { background: var(--ls-chip); }
.ls-frame.ls-top { border-color: var(--ls-fg); border-width: 2px; font-weight: 600; }
.ls-item:hover, .ls-frame:hover { border-color: var(--ls-accent); }
.ls-item-label { font-weight: 600; overflow-wrap: anywhere; }
.ls-item-detail { color: var(--ls-muted); overflow-wrap: anywhere; }
.ls-item-meta { flex-basis: 100%; font-size: 0.8em; color: var(--ls-muted); font-family: var(--ls-mono); overflow-wrap: anywhere; }
.ls-tag { order: -1; align-self: center; font-size: 0.68em; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; padding: 0 0.4em; border-radius: 3px; }
.ls-entered { border-color: var(--ls-entered); border-width: 2px; animation: ls-enter var(--ls-motion, 0.6s) ease-out; }
.ls-task-frame.ls-entered { animation-name: ls-land; }
@keyframes ls-land { from { transform: translateX(60%); opacity: 0.3; background: var(--ls-current-bg); } to { transform: none; opacity: 1; } }
.ls-entered .ls-tag { background: var(--ls-entered); color: var(--ls-panel); }
.ls-left { border-style: dashed; border-color: var(--ls-left); opacity: 0.85; animation: ls-leave 0.6s ease-out; }
.ls-left .ls-tag { background: var(--ls-left); color: var(--ls-panel); }
.ls-left .ls-item-label { text-decoration: line-through; text-decoration-thickness: 2px; }
.ls-empty { color: var(--ls-muted); font-style: italic; font-size: 0.85em; }
.ls-more { color: var(--ls-muted); font-size: 0.85em; }
@keyframes ls-enter { from { transform: translateX(-0.6em); opacity: 0; background: var(--ls-current-bg); } to { transform: none; opacity: 1; } }
@keyframes ls-leave { from { transform: translateX(0.6em); } to { transform: none; } }
/* a coroutine that awaits leaves the stack: it fades, its name kept legible */
.ls-frame.ls-left { animation: ls-suspend var(--ls-motion, 0.6s) ease-out both; }
.ls-frame.ls-left .ls-item-label { text-decoration: none; }
@keyframes ls-suspend { from { opacity: 1; background: var(--ls-current-bg); } to { opacity: 0.75; } }
@media (prefers-reduced-motion: reduce) { .ls-entered, .ls-left, .ls-task-frame.ls-entered, .ls-frame.ls-left { animation: none; } }

/* console */
.ls-console-lines {
  position: relative; font-family: var(--ls-mono); font-size: 0.92em; overflow: auto; max-height: 24em; min-height: 6em;
  display: flex; flex-direction: column; border: 1px solid var(--ls-border); border-radius: 6px; background: var(--ls-bg); padding: 0.25em 0;
}
.ls-out { font: inherit; color: var(--ls-fg); background: none; border: none; border-left: 4px solid transparent; text-align: left; cursor: pointer; display: flex; gap: 0.6em; padding: 0.1em 0.6em; width: 100%; }
.ls-out:hover { background: var(--ls-chip); }
.ls-out-step { color: var(--ls-muted); min-width: 3.2em; text-align: right; flex: none; font-variant-numeric: tabular-nums; }
.ls-out-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.ls-out.ls-stderr { color: var(--ls-stderr); }
.ls-out.ls-stderr .ls-out-step::after { content: " err"; }
.ls-out.ls-future { opacity: 0.38; }
.ls-predict .ls-out.ls-future { display: none; }
.ls-predict-note { display: none; color: var(--ls-muted); }
.ls-predicting .ls-predict-note { display: block; }
.ls-predicting .ls-diagram-box, .ls-predicting .ls-export { display: none; }
.ls-out.ls-current { background: var(--ls-current-bg); color: var(--ls-current-fg); border-left-color: var(--ls-link); font-weight: 600; }
.ls-out.ls-stderr.ls-current { color: var(--ls-stderr); }
.ls-check { display: inline-flex; align-items: center; gap: 0.35em; font-size: 0.9em; color: var(--ls-muted); cursor: pointer; }
.ls-panel-head .ls-check { margin-left: auto; }
.ls-check input { width: 1.1em; height: 1.1em; accent-color: var(--ls-accent); }

/* timeline */
.ls-legend { display: inline-flex; gap: 1em; font-size: 0.82em; color: var(--ls-muted); }
.ls-legend-run::before { content: ""; display: inline-block; width: 1.4em; height: 0.7em; background: var(--ls-coroutine); border-radius: 2px; margin-right: 0.35em; vertical-align: middle; }
.ls-legend-wait::before { content: ""; display: inline-block; width: 1.6em; border-top: 2px dashed var(--ls-wait); margin-right: 0.35em; vertical-align: middle; }
.ls-timeline .ls-toolbar { margin-left: auto; }
.ls-tl-scroll { position: relative; overflow-x: hidden; overflow-y: auto; border: 1px solid var(--ls-border); border-radius: 6px; }
.ls-seg { display: inline-flex; margin-left: auto; }
.ls-seg .ls-seg-btn { border-radius: 0; padding: 0.15em 0.7em; }
.ls-seg .ls-seg-btn:first-child, .ls-seg .ls-seg-label + .ls-seg-btn { border-radius: 4px 0 0 4px; }
.ls-seg .ls-seg-label { align-self: center; margin-right: 0.4em; color: var(--ls-muted); }
/* a folded loop: an outline, where the open ones are filled */
.ls-tl-loop[aria-expanded="false"] { background: transparent; border-style: dashed; }
.ls-timeline .ls-seg + .ls-seg { margin-left: 0.5em; }
.ls-seg .ls-seg-btn:last-child { border-radius: 0 4px 4px 0; }
.ls-seg .ls-seg-btn[aria-pressed="true"] { background: var(--ls-link); color: var(--ls-panel); border-color: var(--ls-link); font-weight: 600; }
.ls-timeline .ls-seg + .ls-toolbar { margin-left: 0.5em; }
.ls-tl-more { margin-top: 0.4em; }
.ls-tl-more[hidden] { display: none; }
.ls-tl-canvas { position: sticky; top: 0; left: 0; display: block; cursor: crosshair; touch-action: none; }

/* sequence diagram */
.ls-diagram .ls-export { margin-left: auto; }
.ls-window-title { color: var(--ls-muted); font-variant-numeric: tabular-nums; min-width: 12em; text-align: center; }
.ls-diagram-status:empty { display: none; }
.ls-diagram-status { color: var(--ls-muted); }
.ls-diagram-status.ls-error { color: var(--ls-bad); }
.ls-diagram-box { overflow: auto; max-height: 42em; min-height: 10em; border: 1px solid var(--ls-border); border-radius: 6px; background: var(--ls-panel); padding: 0.5em; }
.ls-diagram-box { position: relative; }
.ls-diagram-box svg { display: block; }
.ls-heads { position: sticky; top: 0; height: 0; z-index: 2; visibility: hidden; }
.ls-heads.ls-heads-on { visibility: visible; }
.ls-head {
  position: absolute; top: 0; transform: translateX(-50%); white-space: nowrap; font-size: 0.8em; font-weight: 600;
  background: var(--ls-chip); color: var(--ls-fg); border: 1px solid var(--ls-border); border-radius: 4px; padding: 0 0.4em; opacity: 0.95;
}
.ls-diagram-box text.messageText, .ls-diagram-box [data-et="note"] { cursor: pointer; }
.ls-diagram-box text.messageText:hover { text-decoration: underline; }
.ls-diagram-box .ls-current[data-et="message"] { stroke: var(--ls-link) !important; }
/* the current message: the band mermaid draws behind it (rect.rect, our only "rect" statement) and its text take the
   viewer's current-step pair, which holds 4.5:1 in light, dark and high contrast; without the band the same text sits
   on the panel's own background */
.ls-diagram-box rect.rect { fill: var(--ls-current-bg) !important; }
.ls-diagram-box text.ls-current { fill: var(--ls-current-fg) !important; font-weight: 700 !important; }
.ls-diagram-box [data-et="note"].ls-current rect { stroke: var(--ls-link) !important; stroke-width: 3px !important; }
.ls-diagram-box.ls-mark-stale rect.rect { opacity: 0.15; }
.ls-diagram-box :focus-visible { outline: 3px solid var(--ls-focus); }
`;
