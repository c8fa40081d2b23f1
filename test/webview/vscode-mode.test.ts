// The webview bundle in VS Code mode, with a stand-in for acquireVsCodeApi under a VS Code-like CSP: it says ready
// first, queues messages until the trace arrives, ignores malformed messages, and every message it sends is valid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { parseViewMessage, PROTOCOL_VERSION, DEFAULT_SETTINGS } from '../../src/protocol';
import { encodeTraceBytes } from '../../src/core/trace-binary';
import { launch, tempDir, traceProgram, watchedPage, waitForDiagram, waitForStep, eventually, showTab, OUT, WEBVIEW_JS, MERMAID_JS, type Traced, type Watched } from './helpers';

const PROGRAM = `async function worker(name) {
  console.log(name, 'start');
  await new Promise((r) => setTimeout(r, 1));
  console.log(name, 'end');
}
worker('a');
worker('b');
process.nextTick(() => console.log('tick'));
`;

let browser: Browser;
const tmp = tempDir();
let traced: Traced;
let pageUrl: string;

function webviewHtml(connectSrc = ''): string {
  const nonce = 'dGVzdG5vbmNlMTIzNDU2';
  const safe = (path: string) => readFileSync(path, 'utf8').replace(/<(\/script|!--)/gi, '\\x3C$1');
  const bundle = safe(WEBVIEW_JS);
  const mermaid = safe(MERMAID_JS);
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:${connectSrc ? `; connect-src ${connectSrc}` : ''}">
</head>
<body class="vscode-light" style="--vscode-editor-background: #fffffe; --vscode-foreground: #333333; --vscode-font-size: 13px;">
<script nonce="${nonce}">
  window.__posted = [];
  let state;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => state,
    setState: (s) => { state = s; },
  });
</script>
<script nonce="${nonce}">${bundle}</script>
<script nonce="${nonce}">${mermaid}</script>
</body></html>`;
}

beforeAll(async () => {
  traced = traceProgram(tmp.dir, 'workers.js', PROGRAM);
  const file = join(tmp.dir, 'webview.html');
  writeFileSync(file, webviewHtml());
  pageUrl = pathToFileURL(file).href;
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  tmp.cleanup();
});

const posted = (w: Watched) => w.page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted.slice());
const send = (w: Watched, message: unknown) => w.page.evaluate((m) => window.postMessage(m, '*'), message);

describe('VS Code mode: a big trace read from its file', () => {
  it('loads the trace the message points at, and says when it cannot (the host then sends it in a message)', async () => {
    // the trace file, served the way VS Code serves webview resources: over http(s), allowed by connect-src only
    const body = readFileSync(traced.json);
    const server = createServer((req, res) => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      if (req.url?.startsWith('/trace.json')) res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
      // the form the panel keeps its traces in
      else if (req.url?.startsWith('/trace.lstrace')) res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(encodeTraceBytes(traced.trace));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const file = join(tmp.dir, 'webview-connect.html');
      writeFileSync(file, webviewHtml(origin));
      const w = await watchedPage(browser);
      const page = w.page;
      await page.goto(pathToFileURL(file).href);
      await eventually(async () => expect(await posted(w)).toEqual([{ v: PROTOCOL_VERSION, type: 'ready' }]));
      // a URL that is not http(s) is refused as malformed
      await send(w, { v: PROTOCOL_VERSION, type: 'traceFile', url: 'javascript:alert(1)', bytes: 1, settings: DEFAULT_SETTINGS });
      await eventually(() => expect(w.warnings.join('\n')).toMatch(/traceFile\.url must be the http\(s\) URL/));
      // a file that is not there: the view asks for the trace in a message
      await send(w, { v: PROTOCOL_VERSION, type: 'traceFile', url: `${origin}/gone.json`, bytes: body.length, settings: DEFAULT_SETTINGS });
      await eventually(async () => expect((await posted(w)).some((m) => m.type === 'traceFileFailed')).toBe(true));
      const failed = (await posted(w)).find((m) => m.type === 'traceFileFailed')!;
      expect(parseViewMessage(failed)).toEqual({ ok: true, message: { v: PROTOCOL_VERSION, type: 'traceFileFailed', reason: 'HTTP 404' } });
      // the file: read, validated, shown at the step asked for
      const target = traced.trace.steps.length - 1;
      await send(w, { v: PROTOCOL_VERSION, type: 'traceFile', url: `${origin}/trace.json?v=1`, bytes: body.length, settings: DEFAULT_SETTINGS, step: target });
      await page.waitForSelector('.ls-app');
      await waitForStep(page, target);
      expect(await page.locator('.ls-entry').textContent()).toBe('workers.js');
      // the binary form: told apart by its first bytes, shown the same
      await send(w, { v: PROTOCOL_VERSION, type: 'traceFile', url: `${origin}/trace.lstrace?v=2`, bytes: body.length, settings: DEFAULT_SETTINGS, step: target - 1 });
      await waitForStep(page, target - 1);
      expect(await page.locator('.ls-entry').textContent()).toBe('workers.js');
      expect((await posted(w)).filter((m) => m.type === 'traceFileFailed')).toHaveLength(1);
      // its bytes in the message (as the host sends a fresh trace): shown without reading the URL, which is gone
      await page.evaluate(
        ({ m, bytes }) => window.postMessage({ ...m, data: new Uint8Array(bytes) }, '*'),
        { m: { v: PROTOCOL_VERSION, type: 'traceFile', url: `${origin}/gone.lstrace`, bytes: encodeTraceBytes(traced.trace).length, settings: DEFAULT_SETTINGS, step: 1 }, bytes: [...encodeTraceBytes(traced.trace)] },
      );
      await waitForStep(page, 1);
      expect((await posted(w)).filter((m) => m.type === 'traceFileFailed')).toHaveLength(1);
      expect(w.pageErrors).toEqual([]);
    } finally {
      server.close();
    }
  });
});

describe('VS Code mode', () => {
  it('handshake, queueing, validation, reveal, settings, theme and export', async () => {
    const w = await watchedPage(browser);
    const page = w.page;
    await page.goto(pageUrl);
    await eventually(async () => expect(await posted(w)).toEqual([{ v: PROTOCOL_VERSION, type: 'ready' }]));
    expect(await page.locator('.ls-app').count()).toBe(0);

    // malformed messages: logged as warnings with the reason, and ignored
    await send(w, { type: 'trace', trace: traced.trace });
    await send(w, { v: PROTOCOL_VERSION, type: 'trace', trace: { format: 'x' }, settings: DEFAULT_SETTINGS });
    await send(w, 'not even an object');
    await eventually(() => expect(w.warnings.filter((m) => m.includes('ignored a malformed message'))).toHaveLength(3));
    expect(w.warnings.join('\n')).toMatch(/protocol version undefined/);
    expect(w.warnings.join('\n')).toMatch(/trace: not a Loopscope trace/);
    expect(await page.locator('.ls-app').count()).toBe(0);

    // a goToStep before the trace waits for it
    const target = traced.trace.steps.findIndex((s) => s.kind === 'resume');
    await send(w, { v: PROTOCOL_VERSION, type: 'goToStep', step: target });
    await send(w, { v: PROTOCOL_VERSION, type: 'trace', trace: traced.trace, settings: { ...DEFAULT_SETTINGS, windowSize: 50 } });
    await page.waitForSelector('.ls-app');
    await waitForStep(page, target);
    await waitForDiagram(page);
    await eventually(async () => expect((await posted(w)).some((m) => m.type === 'stepChanged' && (m as unknown as { step: number }).step === target)).toBe(true));

    // clicking a stack frame reveals its source through the host
    await page.locator('.ls-frame').first().click();
    await eventually(async () => expect((await posted(w)).some((m) => m.type === 'reveal')).toBe(true));
    const reveal = (await posted(w)).find((m) => m.type === 'reveal') as unknown as { source: { file: string; line: number } };
    expect(reveal.source.file).toBe(traced.file);
    expect(reveal.source.line).toBeGreaterThan(0);

    // a click on a task block in the timeline reveals the line that scheduled that task
    await showTab(page, 'Timeline');
    const canvas = page.locator('.ls-tl-canvas');
    const geo = await canvas.evaluate((c) => {
      const rem = parseFloat(getComputedStyle(c.closest('.ls-timeline')!).fontSize);
      return { lane: Math.round(rem * 1.9), axis: Math.round(rem * 1.7) };
    });
    const laneQueues = await page.locator('.ls-lane-list li').evaluateAll((els) => els.map((e) => e.getAttribute('data-queue')));
    const y = geo.axis + laneQueues.indexOf('timer') * geo.lane + geo.lane / 2;
    await canvas.evaluate((c) => c.scrollIntoView({ block: 'end' }));
    const box = (await canvas.boundingBox())!;
    const timerSources = traced.trace.tasks.filter((t) => t.queue === 'timer').map((t) => JSON.stringify(t.source));
    const reveals = async () => (await posted(w)).filter((m) => m.type === 'reveal').map((m) => JSON.stringify((m as unknown as { source: unknown }).source));
    let hit = false;
    for (let x = box.width - 4; x > box.width * 0.2 && !hit; x -= 5) {
      await page.mouse.click(box.x + x, box.y + y);
      hit = (await reveals()).some((s) => timerSources.includes(s));
    }
    expect(hit).toBe(true);
    await showTab(page, 'Sequence diagram');

    // settings from the host: presentation font scale
    await send(w, { v: PROTOCOL_VERSION, type: 'settings', settings: { fontScale: 2 } });
    await eventually(async () => expect(await page.locator('.ls-app').evaluate((el) => getComputedStyle(el).fontSize)).toBe('26px'));

    // theme: VS Code swaps the body class and its variables; the viewer follows, mermaid re-renders dark
    expect(await page.locator('.ls-app').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 254)');
    const lightSvg = await page.locator('.ls-diagram-box svg').evaluate((el) => el.outerHTML);
    await page.evaluate(() => {
      document.body.className = 'vscode-dark';
      document.body.setAttribute('style', '--vscode-editor-background: #1e1e1f; --vscode-foreground: #cccccc; --vscode-font-size: 13px;');
    });
    await eventually(async () => expect(await page.locator('.ls-app').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(30, 30, 31)'));
    await eventually(async () => {
      const darkSvg = await page.locator('.ls-diagram-box svg').evaluate((el) => el.outerHTML);
      expect(darkSvg).not.toBe(lightSvg);
      expect(darkSvg).toContain('#1f2020'); // mermaid's dark theme actor fill
    }, 20_000);

    // a diagram theme chosen in the settings wins over the editor's
    await send(w, { v: PROTOCOL_VERSION, type: 'settings', settings: { diagramTheme: 'forest' } });
    await eventually(async () => expect(await page.locator('.ls-diagram-box svg').evaluate((el) => el.outerHTML)).toContain('#cde498'), 20_000);
    await send(w, { v: PROTOCOL_VERSION, type: 'settings', settings: { diagramTheme: 'auto' } });
    await eventually(async () => expect(await page.locator('.ls-diagram-box svg').evaluate((el) => el.outerHTML)).toContain('#1f2020'), 20_000);

    // export goes to the host, not a download
    await page.getByRole('button', { name: 'Export this window as SVG' }).click();
    await eventually(async () => expect((await posted(w)).some((m) => m.type === 'export')).toBe(true));
    const exp = (await posted(w)).find((m) => m.type === 'export') as unknown as { format: string; data: string; fileName: string };
    expect(exp.format).toBe('svg');
    expect(exp.fileName).toBe('workers-diagram-1.svg');
    expect(exp.data.startsWith('<svg')).toBe(true);
    await page.getByRole('button', { name: 'Export this window as PNG' }).click();
    await eventually(async () => expect((await posted(w)).some((m) => m.type === 'export' && (m as unknown as { format: string }).format === 'png')).toBe(true));

    // Markdown, Perfetto, the trace JSON and the HTML report are asked of the host (empty data): it builds them from
    // the trace it holds, as its Export command and the CLI do; the view does not serialize the trace
    type Exported = { type: string; format: string; data: string; fileName: string };
    const exported = async (format: string) => ((await posted(w)) as unknown as Exported[]).find((m) => m.type === 'export' && m.format === format);
    for (const [name, format, file] of [
      [/Export every diagram window as Markdown/, 'markdown', 'workers.loopscope.md'],
      [/Perfetto trace-event file/, 'perfetto', 'workers.perfetto.json'],
      ['Export the trace as JSON', 'json', 'workers.loopscope.json'],
      ['Export a self-contained HTML report', 'html', 'workers.loopscope.html'],
    ] as const) {
      await page.getByRole('button', { name }).click();
      await eventually(async () => expect(await exported(format)).toBeTruthy());
      expect((await exported(format))!.data).toBe('');
      expect((await exported(format))!.fileName).toBe(file);
    }

    // everything the webview said is a valid protocol message
    for (const m of await posted(w)) {
      const r = parseViewMessage(m);
      expect(r.ok ? '' : r.reason).toBe('');
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUT, 'vscode-dark.png'), fullPage: true });
    expect(await w.cspViolations()).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await page.close();
  }, 90_000);
});
