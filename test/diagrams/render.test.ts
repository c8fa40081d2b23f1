// Every diagram Loopscope generates for the corpus parses and renders with mermaid itself, in headless Chromium;
// hostile text in output and file names stays text.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdtempSync, writeFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, extname } from 'node:path';
import { runTraced } from '../../src/runner/run-traced';
import { sequenceDiagramWindows, escapeLabel } from '../../src/core/mermaid';

const root = resolve(__dirname, '..', '..');
const corpusDir = join(root, 'test', 'corpus');
// the mermaid Loopscope ships (dist/mermaid.js: the sequence diagram only), built by scripts/build.mjs
const mermaidBundle = join(root, 'dist', 'mermaid.js');

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage();
  await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
  await page.addScriptTag({ path: mermaidBundle });
  await page.evaluate(() => {
    (window as unknown as { mermaid: { initialize(o: object): void } }).mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      deterministicIds: true,
      suppressErrorRendering: true,
    });
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

interface Rendered {
  ok: boolean;
  error?: string;
  messages: number;
  notes: number;
  svgText: string;
}

/** parse() then render() with mermaid in the page; counts the message and note elements it drew. */
async function render(text: string, id: string): Promise<Rendered> {
  return page.evaluate(
    async ({ text, id }) => {
      const m = (window as unknown as { mermaid: { parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
      try {
        await m.parse(text);
        const { svg } = await m.render(id, text);
        const holder = document.getElementById('out')!;
        holder.innerHTML = svg;
        const messages = holder.querySelectorAll('text.messageText').length;
        const notes = holder.querySelectorAll('text.noteText').length;
        const svgText = holder.textContent ?? '';
        return { ok: true, messages, notes, svgText };
      } catch (err) {
        return { ok: false, error: String((err as Error)?.message ?? err), messages: 0, notes: 0, svgText: '' };
      }
    },
    { text, id },
  );
}

function corpusEntries(): string[] {
  const out: string[] = [];
  for (const name of readdirSync(corpusDir).sort()) {
    if (!/^\d\d-/.test(name)) continue;
    const p = join(corpusDir, name);
    if (statSync(p).isDirectory()) {
      const main = ['.js', '.cjs', '.mjs', '.ts', '.mts', '.cts'].map((e) => join(p, `main${e}`)).find((f) => existsSync(f));
      if (main) out.push(main);
    } else if (['.js', '.cjs', '.mjs', '.ts', '.mts', '.cts'].includes(extname(name))) out.push(p);
  }
  return out;
}

describe('mermaid renders every corpus diagram', () => {
  it('all windows of all corpus programs parse and render', async () => {
    const failures: string[] = [];
    let windows = 0;
    for (const entry of corpusEntries()) {
      const { trace } = await runTraced({ entry, cwd: join(entry, '..'), stdio: 'pipe', timeoutMs: 20_000 });
      const all = sequenceDiagramWindows(trace, { windowSize: 120 });
      for (const [i, w] of all.entries()) {
        windows++;
        expect(w.text.length).toBeLessThan(50_000); // mermaid's maxTextSize: over it, it draws a placeholder
        const r = await render(w.text, `d${windows}`);
        if (!r.ok) failures.push(`${entry.slice(root.length + 1)} window ${i + 1}: ${r.error}`);
        else if (r.messages !== w.messageSteps.length) failures.push(`${entry.slice(root.length + 1)} window ${i + 1}: drew ${r.messages} messages, expected ${w.messageSteps.length}`);
        else if (r.svgText.includes('Maximum text size')) failures.push(`${entry.slice(root.length + 1)}: placeholder drawn`);
      }
    }
    expect(failures).toEqual([]);
    expect(windows).toBeGreaterThanOrEqual(30);
  }, 300_000);

  it('hostile text in output and file names stays text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loopscope-hostile-'));
    const file = join(dir, 'weird;name#1 end loop.js');
    const hostile = ['end', 'loop', 'alt; note', '%%{init: {"theme":"forest"}}%%', 'A-->>B: x', '<script>alert(1)</script>', '#quot; & "', 'participant P0'];
    writeFileSync(file, `${hostile.map((h) => `setTimeout(() => console.log(${JSON.stringify(h)}), 1);`).join('\n')}\nasync function end() { await null; }\nend();\n`);
    const { trace } = await runTraced({ entry: file, cwd: dir, stdio: 'pipe' });
    const [w] = sequenceDiagramWindows(trace);
    const r = await render(w.text, 'hostile');
    expect(r.error).toBeUndefined();
    for (const h of hostile) expect(r.svgText).toContain(`prints ${JSON.stringify(h)}`);
    expect(await page.evaluate(() => document.querySelectorAll('#out script').length)).toBe(0);
  });

  it('a race is drawn as a labelled block from the read to the stale write, and renders', async () => {
    const entry = join(root, 'test', 'races', 'r01-lost-update-counter.js');
    const { trace } = await runTraced({ entry, cwd: join(entry, '..'), stdio: 'pipe' });
    const [w] = sequenceDiagramWindows(trace);
    expect(w.text).toContain('critical lost update on visits');
    const r = await render(w.text, 'race');
    expect(r.error).toBeUndefined();
    expect(r.svgText).toContain('lost update on visits');
  });

  it('a program with workers: one box per loop, its messages as arrows between them, and it renders', async () => {
    const entry = join(root, 'test', 'loops', 'ping-pong', 'main.mjs');
    const { trace } = await runTraced({ entry, cwd: join(entry, '..'), stdio: 'pipe' });
    const [w] = sequenceDiagramWindows(trace, { windowSize: 1000 });
    expect(w.text).toContain('box transparent main\n');
    expect(w.text).toContain('box transparent worker');
    expect(w.text.match(/-\)P\d+: (worker|parentPort)\.postMessage/g)).toHaveLength(trace.messages.length);
    const r = await render(w.text, 'loops');
    expect(r.error).toBeUndefined();
    expect(r.messages).toBe(w.messageSteps.length);
    expect(r.svgText).toContain('worker.postMessage');
    expect(r.svgText).toContain('player.mjs');
  });

  it('escapeLabel leaves nothing mermaid reacts to', () => {
    const out = escapeLabel('a;b#c:d%e"f<g>h{i}j--k->l`m|n\\o\nnext line');
    // entity codes (#59;) aside, nothing is left that mermaid's grammar reacts to
    expect(out.replace(/#\w+;/g, '')).not.toMatch(/[;:%"<>{}`|\\\n#]|--|->/);
    expect(out).toContain('next line');
  });

  it('windows hold at most the window size of messages and cover every step', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loopscope-window-'));
    const file = join(dir, 'many.js');
    writeFileSync(file, 'async function job(i) { await null; console.log(i); }\nfor (let i = 0; i < 300; i++) job(i);\n');
    const { trace } = await runTraced({ entry: file, cwd: dir, stdio: 'pipe' });
    const all = sequenceDiagramWindows(trace, { windowSize: 250 });
    expect(all.length).toBeGreaterThan(3);
    let expectedFrom = 0;
    for (const w of all) {
      expect(w.fromStep).toBe(expectedFrom);
      expectedFrom = w.toStep + 1;
      expect(w.messageSteps.length + w.noteSteps.length).toBeLessThanOrEqual(250);
    }
    expect(expectedFrom).toBe(trace.steps.length);
    const r = await render(all[1].text, 'win');
    expect(r.ok).toBe(true);
  });
});
