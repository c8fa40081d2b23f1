// The self-contained HTML report: the viewer bundle, its CSS and the trace inlined in one file, with a strict CSP
// (one nonced script, no network). Every user-derived string outside the JSON blob is HTML-escaped.
import { readFileSync, existsSync } from 'node:fs';
import type { Sources } from '../protocol';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Trace } from '../core/trace-format';
import { VIEWER_CSS, STYLE_ID } from '../../webview/styles';
import { fileName } from '../core/paths';

/** A built script of the viewer (dist/webview.js or dist/mermaid.js), next to the running bundle or in the checkout. */
function distPath(name: string): string {
  const candidates = [join(__dirname, name), join(__dirname, '..', '..', 'dist', name)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`the report viewer (${name}) was not found in ${candidates.join(' or ')}: build it with "node scripts/build.mjs"`);
  return found;
}

const bundles = new Map<string, string>();
function bundle(name: string): string {
  const path = distPath(name);
  let text = bundles.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8');
    bundles.set(path, text);
  }
  return text;
}

/**
 * mermaid for the report, gzipped and base64-encoded (1.3 MB of script becomes 0.5 MB of inert text): the viewer
 * unpacks and runs it only when the diagram is wanted, so parsing it never delays the first paint.
 */
let packedMermaid: string | null = null;
function packedMermaidBundle(): string {
  packedMermaid ??= gzipSync(bundle('mermaid.js'), { level: 9 }).toString('base64');
  return packedMermaid;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** JSON that can sit inside <script type="application/json">: no "<" at all, so no "</script" or "<!--". */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * A script body that cannot end its <script> element early or put the HTML parser in its "escaped" script state:
 * "<" becomes \x3C where it starts "</script" or "<!--". Those only occur inside string and regex literals of the
 * bundle, where \x3C means the same character.
 */
function scriptSafe(js: string): string {
  return js.replace(/<(\/script|!--)/gi, '\\x3C$1');
}

/**
 * The program's own files (not node_modules) for the code shown beside the event loop: read from disk, or by `read`
 * (the editor's text, with unsaved changes). Files over 1 MB, and files past 4 MB in all, are left out.
 */
export function readSources(trace: Trace, read: (file: string) => string | undefined = (f) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined)): Sources {
  const maxFile = 1_000_000;
  const maxTotal = 4_000_000;
  const out: Sources = {};
  let total = 0;
  for (const file of new Set([trace.program.entry, ...trace.sites.map((s) => s.file)])) {
    if (!file || file.includes('/node_modules/') || file.startsWith('node:')) continue;
    try {
      const text = read(file);
      if (text === undefined) continue;
      if (text.length > maxFile || total + text.length > maxTotal) continue;
      total += text.length;
      out[file] = text;
    } catch {
      // unreadable: the code view says the text is not there
    }
  }
  return out;
}

export function renderHtmlReport(trace: Trace, options: { windowSize: number; sources?: Sources }): string {
  const nonce = randomBytes(18).toString('base64');
  const p = trace.program;
  const name = fileName(p.entry);
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src data: blob:`;
  const settings = { windowSize: Math.max(10, Math.min(2000, Math.floor(options.windowSize) || 250)) };
  const status = [
    `Node ${p.node}`,
    p.signal ? `killed by ${p.signal}` : `exit code ${p.exitCode ?? '?'}`,
    p.stopped ? `stopped: ${p.stopped}` : '',
    p.error ? `${p.error.origin}: ${p.error.name}: ${p.error.message}` : '',
    `${trace.steps.length} steps, ${trace.tasks.length} tasks`,
  ].filter(Boolean);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Loopscope">
<title>${escapeHtml(name)}: Loopscope trace</title>
<style id="${STYLE_ID}">${VIEWER_CSS}
.ls-fatal { margin: 2em; color: var(--ls-bad); font: 16px system-ui, sans-serif; }
.ls-noscript { margin: 2em; font: 16px system-ui, sans-serif; }
</style>
</head>
<body>
<noscript><div class="ls-noscript"><h1>${escapeHtml(name)}</h1><p>${escapeHtml(p.entry)}</p><p>${status.map(escapeHtml).join(' · ')}</p><p>This Loopscope report needs JavaScript to show the trace.</p></div></noscript>
<div id="loopscope"></div>
<script type="application/json" id="loopscope-settings">${jsonForScript(settings)}</script>
<script type="application/json" id="loopscope-trace">${jsonForScript(trace)}</script>
<script type="application/json" id="loopscope-sources">${jsonForScript(options.sources ?? readSources(trace))}</script>
<script nonce="${nonce}">${scriptSafe(bundle('webview.js'))}</script>
<script type="application/gzip" id="loopscope-mermaid">${packedMermaidBundle()}</script>
</body>
</html>
`;
}
