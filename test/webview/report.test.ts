// The HTML report in real headless Chromium, on traces of real runs: it loads under its CSP with no errors, every
// view is drawn, and the controls, keyboard and clicks move the shared current step the way the trace says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import type { Trace } from '../../src/core/trace-format';
import { diagramPages, highlightedWindowText } from '../../src/core/diagram-pages';
import { sequenceDiagramWindows } from '../../src/core/mermaid';
import { renderHtmlReport } from '../../src/report/html';
import { StepIndex } from '../../src/core/stepping';
import {
  launch, openReport, queueLabels, screenshot, tempDir, traceProgram, waitForDiagramSettled, waitForStep, watchedPage, currentStep, showTab,
  hasText, containsText, hasClass, hasCount, hasAttr, eventually, OUT, type Traced, type Watched,
} from './helpers';

const PUZZLE = `console.log('script start');
setTimeout(() => console.log('timeout'), 0);
setImmediate(() => console.log('immediate'));
process.nextTick(() => console.log('nextTick'));
Promise.resolve().then(() => console.log('promise 1')).then(() => console.log('promise 2'));
queueMicrotask(() => console.log('microtask'));
async function main() {
  console.log('main start');
  await null;
  console.log('after await');
  const v = await new Promise((r) => setTimeout(() => r(42), 10));
  console.log('got', v);
}
main();
console.log('script end');
`;

const PINGPONG = `import { readFile } from 'node:fs/promises';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function ping(n) {
  for (let i = 0; i < n; i++) { console.log('ping', i); await null; }
}
async function pong(n) {
  for (let i = 0; i < n; i++) { console.log('pong', i); await sleep(1); }
}
async function load() {
  const text = await readFile(new URL(import.meta.url), 'utf8');
  console.error('read', text.length > 0 ? 'ok' : 'empty');
}
await Promise.all([ping(3), pong(2), load()]);
console.log('done');
`;

let browser: Browser;
const tmp = tempDir();
let puzzle: Traced;
let pingpong: Traced;

beforeAll(async () => {
  puzzle = traceProgram(tmp.dir, 'puzzle.js', PUZZLE);
  pingpong = traceProgram(tmp.dir, 'pingpong.mjs', PINGPONG);
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  tmp.cleanup();
});

/** Everything that must stay empty on a healthy page. */
async function expectClean(w: Watched): Promise<void> {
  expect(await w.cspViolations()).toEqual([]);
  expect(w.consoleErrors).toEqual([]);
  expect(w.pageErrors).toEqual([]);
  expect(w.dialogs).toEqual([]);
  // the report is the only thing loaded: no network, no other files
  expect(w.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'))).toHaveLength(1);
}

function stepOfOutput(trace: Trace, text: string): number {
  const o = trace.output.find((x) => x.text.trim() === text);
  if (!o) throw new Error(`no output ${text}`);
  return o.step;
}

describe('HTML report file', () => {
  it('is one self-contained file with a fresh nonce, a strict CSP and the trace escaped in a JSON script', () => {
    const html = readFileSync(puzzle.html, 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toMatch(/^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]{16,}'; style-src 'unsafe-inline'; img-src data: blob:$/);
    const nonce = /'nonce-([^']+)'/.exec(csp!)![1];
    expect(html).toContain(`<script nonce="${nonce}">`);
    // every executable script carries the nonce; the others are data (JSON, and mermaid gzipped, run on demand)
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    const data = (a: string) => a.includes('type="application/json"') || a.includes('type="application/gzip"');
    expect(scripts.filter((a) => !data(a)).every((a) => a.includes(`nonce="${nonce}"`))).toBe(true);
    // outside the script bodies (the viewer's code mentions <img> and friends in strings): nothing that loads anything
    const markup = html.replace(/(<script[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
    expect(markup).not.toMatch(/<link\b|<img\b|<iframe\b|\ssrc=|\shref=|@import|url\(/i);
    const again = renderHtmlReport(puzzle.trace, { windowSize: 250 });
    expect(/'nonce-([^']+)'/.exec(again)![1]).not.toBe(nonce);
    const json = /<script type="application\/json" id="loopscope-trace">([\s\S]*?)<\/script>/.exec(html)![1];
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(puzzle.trace);
  });
});

describe('viewer on the classic puzzle', () => {
  let w: Watched;
  beforeAll(async () => {
    w = await watchedPage(browser);
    await openReport(w, puzzle.html);
  }, 60_000);

  it('loads with no CSP violation, console error or request, and shows the program', async () => {
    await expectClean(w);
    await hasText(w.page.locator('.ls-entry'), 'puzzle.js');
    await containsText(w.page.locator('.ls-program'), `Node ${puzzle.trace.program.node}`);
    await containsText(w.page.locator('.ls-program'), 'exit code 0');
    expect(await w.page.title()).toBe('puzzle.js: Loopscope trace');
  });

  it('draws the sequence diagram with mermaid: messages, no error, no size placeholder', async () => {
    const box = w.page.locator('.ls-diagram-box');
    await hasCount(box.locator('svg'), 1);
    const messages = await box.locator('[data-et="message"]').count();
    const pages = diagramPages(puzzle.trace, 250);
    expect(messages).toBe(pages.windows[0].messageSteps.length);
    expect(messages).toBeGreaterThan(5);
    expect(await box.locator('text.messageText').count()).toBe(messages);
    expect(await box.locator('[data-et="note"]').count()).toBe(pages.windows[0].noteSteps.length);
    const text = (await box.textContent()) ?? '';
    expect(text).not.toMatch(/Maximum text size|Syntax error|error in text/i);
    expect(await w.page.locator('.ls-diagram-status').textContent()).toBe('');
    expect(text).toContain('run the main script');
  });

  it('Right arrow advances the step; after the main script the microtask queue holds the promise reactions', async () => {
    const page = w.page;
    const idx = new StepIndex(puzzle.trace);
    await page.keyboard.press('Home');
    await waitForStep(page, 0);
    await hasText(page.locator('.ls-counter'), `Step 1 / ${idx.stopCount}`);
    const before = await page.locator('.ls-step-text').textContent();
    await page.keyboard.press('ArrowRight');
    await waitForStep(page, idx.nextStep(0));
    await hasText(page.locator('.ls-counter'), `Step 2 / ${idx.stopCount}`);
    expect(await page.locator('.ls-step-text').textContent()).not.toBe(before);

    // the last stop of the main script: everything it scheduled is waiting
    const nextTick = puzzle.trace.tasks[1];
    const mainLast = idx.previousStep(nextTick.startStep);
    while ((await currentStep(page)) < mainLast) {
      const s = await currentStep(page);
      await page.keyboard.press('ArrowRight');
      await waitForStep(page, idx.nextStep(s));
    }
    expect(await queueLabels(page, 'microtask')).toEqual(['promise reaction', 'queueMicrotask', 'await resumption']);
    expect(await queueLabels(page, 'nextTick')).toEqual(['process.nextTick']);
    expect(await queueLabels(page, 'timer')).toEqual(['setTimeout 1 ms']);
    expect(await queueLabels(page, 'immediate')).toEqual(['setImmediate']);
    await containsText(page.locator('.ls-why'), 'main script runs first');

    // one more step: the nextTick callback has left its queue and is on the call stack, printing, before any microtask
    await page.keyboard.press('ArrowRight');
    await waitForStep(page, idx.nextStep(mainLast));
    expect(idx.stopRange(idx.nextStep(mainLast)).from).toBeLessThanOrEqual(nextTick.startStep);
    await hasCount(page.locator('.ls-card[data-queue="nextTick"] .ls-item'), 0);
    await hasText(page.locator('.ls-card[data-queue="nextTick"] .ls-count'), '0');
    await containsText(page.locator('.ls-card-stack .ls-task-frame'), 'process.nextTick');
    await hasClass(page.locator('.ls-card-stack .ls-task-frame'), /ls-entered/);
    await hasClass(page.locator('.ls-card[data-queue="nextTick"]'), /ls-active/);
    await containsText(page.locator('.ls-step-text'), 'prints "nextTick"');
    expect(await queueLabels(page, 'microtask')).toEqual(['promise reaction', 'queueMicrotask', 'await resumption']);
    await containsText(page.locator('.ls-why'), 'nextTick callbacks run as soon as');
    // the code beside the loop shows the line that printed, highlighted
    await containsText(page.locator('.ls-code-current'), "console.log('nextTick')");
  });

  it('"Detailed steps" stops at every call and return too', async () => {
    const page = w.page;
    await page.keyboard.press('Home');
    await waitForStep(page, 0);
    await page.getByLabel('Detailed steps').check();
    await page.keyboard.press('ArrowRight');
    await waitForStep(page, 1);
    expect(await page.locator('.ls-step-text').textContent()).toBe(puzzle.trace.steps[1].text);
    await hasText(page.locator('.ls-counter'), `Step 2 / ${new StepIndex(puzzle.trace, { detailed: true }).stopCount}`);
    await page.getByLabel('Detailed steps').uncheck();
    // step 1 (a call) now belongs to the stop it leads to
    const simple = new StepIndex(puzzle.trace);
    expect(simple.stepNumber(1)).toBe(2);
    await hasText(page.locator('.ls-counter'), `Step 2 / ${simple.stopCount}`);
  });

  it('marks what entered a queue at this step', async () => {
    const page = w.page;
    const item = puzzle.trace.queueItems.find((q) => q.queue === 'nextTick')!;
    await page.evaluate((s) => window.loopscope!.goTo(s), item.enterStep);
    await waitForStep(page, item.enterStep);
    await hasCount(page.locator('.ls-card[data-queue="nextTick"] .ls-item.ls-entered'), 1);
    await hasText(page.locator('.ls-card[data-queue="nextTick"] .ls-item.ls-entered .ls-tag'), 'new');
  });

  it('the call stack holds the running callback at each of its steps, and a coroutine that awaits is shown leaving it', async () => {
    const page = w.page;
    const { trace } = puzzle;
    // a callback's last step that is not its return (a promise callback whose last event settles a promise): still running
    const task = trace.tasks.find((t) => t.queue !== 'main' && !t.internal && t.endStep > t.startStep && trace.steps[t.endStep].kind === 'settle')!;
    expect(task).toBeDefined();
    await page.evaluate((s) => window.loopscope!.goTo(s), task.endStep);
    await waitForStep(page, task.endStep);
    await hasCount(page.locator('.ls-stack .ls-task-frame'), 1);
    await hasCount(page.locator('.ls-stack .ls-empty'), 0);
    // main() awaits null at line 9: it leaves the stack, named, with where it waits
    const awaitStep = trace.steps.findIndex((st) => st.kind === 'await' && st.coroutine >= 0 && trace.coroutines[st.coroutine].name.startsWith('main'));
    await page.evaluate((s) => window.loopscope!.goTo(s), awaitStep);
    await waitForStep(page, awaitStep);
    await containsText(page.locator('.ls-stack .ls-frame.ls-left'), 'suspended at line 9');
    await containsText(page.locator('.ls-stack .ls-frame.ls-left .ls-item-label'), 'main');
    // one step on, it is gone
    await page.keyboard.press('ArrowRight');
    await hasCount(page.locator('.ls-stack .ls-frame.ls-left'), 0);
  });

  it('Shift+Right goes to the next task, A to the next await, End and Home to the ends', async () => {
    const page = w.page;
    const idx = new StepIndex(puzzle.trace);
    await page.keyboard.press('Home');
    await waitForStep(page, 0);
    await page.keyboard.press('Shift+ArrowRight');
    // the first stop of the next task: its callback running and doing its first thing
    await waitForStep(page, idx.nextTask(0));
    expect(idx.stopRange(idx.nextTask(0)).from).toBeLessThanOrEqual(puzzle.trace.tasks[1].startStep);
    await page.keyboard.press('Home');
    await waitForStep(page, 0);
    await page.keyboard.press('a');
    const firstAwait = puzzle.trace.steps.findIndex((s) => s.kind === 'await');
    await waitForStep(page, firstAwait);
    await hasText(page.locator('.ls-kind'), 'await');
    await page.keyboard.press('End');
    await waitForStep(page, puzzle.trace.steps.length - 1);
    await page.keyboard.press('Shift+ArrowLeft');
    await waitForStep(page, idx.previousTask(puzzle.trace.steps.length - 1));
  });

  it('Space plays and pauses', async () => {
    const page = w.page;
    await page.locator('.ls-slider').focus();
    await page.keyboard.press('Home');
    await waitForStep(page, 0);
    await page.keyboard.press(' ');
    await hasAttr(page.locator('.ls-play'), 'aria-pressed', 'true');
    await page.waitForFunction(() => Number(document.querySelector('.ls-app')?.getAttribute('data-step')) >= 1);
    await page.keyboard.press(' ');
    await hasAttr(page.locator('.ls-play'), 'aria-pressed', 'false');
  });

  it('clicking an output line goes to the step that printed it', async () => {
    const page = w.page;
    const step = stepOfOutput(puzzle.trace, 'promise 1');
    await page.locator('.ls-out', { hasText: 'promise 1' }).click();
    await waitForStep(page, step);
    await containsText(page.locator('.ls-out.ls-current'), 'promise 1');
    await hasClass(page.locator('.ls-out', { hasText: 'promise 2' }), /ls-future/);
    await containsText(page.locator('.ls-step-text'), 'prints "promise 1"');
  });

  it('clicking a diagram message goes to its step, and the diagram then highlights it', async () => {
    const page = w.page;
    const pages = diagramPages(puzzle.trace, 250);
    const n = pages.windows[0].messageSteps.findIndex((s) => puzzle.trace.steps[s].kind === 'await');
    const target = pages.windows[0].messageSteps[n];
    await showTab(page, 'Sequence diagram');
    await page.locator('.ls-diagram-box text.messageText').nth(n).click();
    await waitForStep(page, target);
    await hasCount(page.locator('.ls-diagram-box text.messageText.ls-current'), 1);
    await waitForDiagramSettled(page);
    // mermaid's own highlight: the generator marked this message as the current one
    await containsText(page.locator('.ls-diagram-box text.messageText').nth(n), '◀ current');
    await showTab(page, 'Event loop');
  });

  it('the timeline draws a lane per queue that ran something and per coroutine, and clicking it scrubs', async () => {
    const page = w.page;
    // the timeline is made when its tab is first shown
    expect(await page.locator('.ls-lane-list li').count()).toBe(0);
    await showTab(page, 'Timeline');
    expect(await page.locator('.ls-lane-list li[data-kind="coroutine"]').count()).toBe(puzzle.trace.coroutines.length);
    expect(await page.locator('.ls-lane-list li[data-kind="coroutine"]').allTextContents()).toEqual(puzzle.trace.coroutines.map((c) => c.name));
    const queues = [...new Set(puzzle.trace.tasks.map((t) => t.queue))].sort();
    expect((await page.locator('.ls-lane-list li[data-kind="queue"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-queue')))).sort()).toEqual(queues);
    const canvas = page.locator('.ls-tl-canvas');
    expect(Number(await canvas.getAttribute('data-drawn'))).toBeGreaterThan(puzzle.trace.tasks.length);
    // the canvas really has ink: sample its pixels for more than a couple of colours
    const colours = await canvas.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const set = new Set<number>();
      for (let i = 0; i < d.length; i += 16) set.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return set.size;
    });
    expect(colours).toBeGreaterThan(8);
    // click in the middle of the plot: the current step becomes the step under the pointer
    await page.keyboard.press('Home');
    await waitForStep(page, 0);
    await canvas.evaluate((c) => c.scrollIntoView({ block: 'center' }));
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + box.width - 20, box.y + box.height / 2);
    await page.waitForFunction(() => Number(document.querySelector('.ls-app')?.getAttribute('data-step')) > 10);
    // drag to scrub: the step follows the pointer while the button is down
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    const during: number[] = [];
    for (const f of [0.4, 0.5, 0.6, 0.7]) {
      await page.mouse.move(box.x + box.width * f, box.y + box.height / 2);
      await page.waitForTimeout(50);
      during.push(await currentStep(page));
    }
    await page.mouse.up();
    expect(new Set(during).size).toBe(4);
    expect([...during].sort((a, b) => a - b)).toEqual(during);
    await showTab(page, 'Event loop');
  });

  it('clicking a queue item selects the step that scheduled it', async () => {
    const page = w.page;
    const item = puzzle.trace.queueItems.find((q) => q.label === 'setImmediate')!;
    await page.evaluate((s) => window.loopscope!.goTo(s), item.enterStep + 3);
    await waitForStep(page, item.enterStep + 3);
    await page.locator('.ls-card[data-queue="immediate"] .ls-item').first().click();
    await waitForStep(page, item.enterStep);
  });

  it('"Hide future output" hides what has not been printed yet, for a class to predict it', async () => {
    const page = w.page;
    const step = stepOfOutput(puzzle.trace, 'microtask');
    await page.evaluate((s) => window.loopscope!.goTo(s), step);
    await waitForStep(page, step);
    const visibility = (text: string) => page.locator('.ls-out', { hasText: text }).isVisible().then((v) => (v ? 'visible' : 'hidden'));
    expect(await visibility('after await')).toBe('visible');
    await page.getByLabel('Hide future output').check();
    expect(await visibility('after await')).toBe('hidden');
    expect(await visibility('microtask')).toBe('visible');
    // nothing of a future line is in the page's text (the program's code is no secret), and the diagram (which
    // holds every line) is not shown
    const shownText = () => page.evaluate(() => [...document.querySelectorAll('.ls-app > *, .ls-stage > *')].filter((e) => !e.matches('.ls-code, .ls-tabpanel')).map((e) => (e as HTMLElement).innerText).join('\n'));
    expect(await shownText()).toContain('microtask');
    expect(await shownText()).not.toContain('after await');
    await showTab(page, 'Sequence diagram');
    expect(await page.locator('.ls-diagram-box').isVisible()).toBe(false);
    expect(await shownText()).not.toContain('after await');
    await showTab(page, 'Event loop');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await eventually(async () => expect(await visibility('after await')).toBe('visible'));
    await page.getByLabel('Hide future output').uncheck();
  });

  it('exports the diagram window as mermaid text and the trace as JSON (downloads in the report)', async () => {
    const page = w.page;
    await showTab(page, 'Sequence diagram');
    const [mmd] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export this window as mermaid text' }).click()]);
    expect(mmd.suggestedFilename()).toBe('puzzle-diagram-1.mmd');
    const text = readFileSync((await mmd.path())!, 'utf8');
    expect(text.startsWith('sequenceDiagram\n')).toBe(true);
    expect(text).toContain('◀ current');
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the trace as JSON' }).click()]);
    expect(json.suggestedFilename()).toBe('puzzle.loopscope.json');
    expect(JSON.parse(readFileSync((await json.path())!, 'utf8'))).toEqual(puzzle.trace);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export this window as SVG' }).click()]);
    expect(readFileSync((await svg.path())!, 'utf8')).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export this window as PNG' }).click()]);
    expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
  });

  it('follows a change of the colour scheme: its palette, and mermaid re-rendered with the dark theme', async () => {
    const page = w.page;
    // a hidden diagram is not re-drawn; its tab shows it
    await showTab(page, 'Sequence diagram');
    const bg = () => page.locator('.ls-app').evaluate((el) => getComputedStyle(el).backgroundColor);
    const svg = () => page.locator('.ls-diagram-box svg').evaluate((el) => el.outerHTML);
    const light = await bg();
    expect(await svg()).not.toContain('#1f2020');
    await page.emulateMedia({ colorScheme: 'dark' });
    await eventually(async () => expect(await bg()).not.toBe(light));
    await eventually(async () => expect(await svg()).toContain('#1f2020'), 20_000);
    await page.emulateMedia({ colorScheme: 'light' });
    await eventually(async () => expect(await bg()).toBe(light));
    await eventually(async () => expect(await svg()).not.toContain('#1f2020'), 20_000);
  });

  it('stepping never moves the views: the tabs, the event loop and the console stay where they are', async () => {
    const page = w.page;
    await showTab(page, 'Event loop');
    const tops = new Set<string>();
    for (let s = 0; s < puzzle.trace.steps.length; s++) {
      await page.evaluate((x) => window.loopscope!.goTo(x), s);
      await waitForStep(page, s);
      tops.add(await page.evaluate(() => ['.ls-tabs', '.ls-stage', '.ls-console'].map((q) => document.querySelector(q)!.getBoundingClientRect().top + window.scrollY).join(',')));
    }
    expect([...tops]).toHaveLength(1);
  });

  it('stays clean after all that', async () => {
    await expectClean(w);
  });
});

describe('Node internals', () => {
  it('a run of internal tasks is one folded step until "Show Node internals" is ticked', async () => {
    const t = pingpong.trace;
    const first = t.steps.findIndex((s) => t.tasks[s.task]?.internal);
    expect(first).toBeGreaterThan(0);
    let end = first;
    while (t.tasks[t.steps[end + 1]?.task]?.internal) end++;
    const idx = new StepIndex(t, { detailed: true });
    const w = await watchedPage(browser);
    await openReport(w, pingpong.html);
    const page = w.page;
    await page.getByLabel('Detailed steps').check();
    await page.evaluate((s) => window.loopscope!.goTo(s), first - 1);
    await waitForStep(page, first - 1);
    // one stop for the whole run, shown where Node's work is done
    await page.keyboard.press('ArrowRight');
    await waitForStep(page, end);
    await hasText(page.locator('.ls-kind'), 'node');
    await containsText(page.locator('.ls-step-text'), "Node's own work");
    expect(await page.locator('.ls-step-text').textContent()).not.toMatch(/promise reaction|dnschannel|TCPWRAP/i);
    await page.keyboard.press('ArrowRight');
    await waitForStep(page, idx.nextStep(end));
    await page.getByLabel('Show Node internals').check();
    await page.evaluate((s) => window.loopscope!.goTo(s), first);
    await waitForStep(page, first);
    expect(await page.locator('.ls-kind').textContent()).not.toBe('node');
    await page.keyboard.press('ArrowRight');
    await waitForStep(page, first + 1);
    await expectClean(w);
    await page.close();
  }, 60_000);
});

describe('screenshots', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: puzzle at the first resumption, ping-pong mid-run, and at presentation scale`, async () => {
      const w = await watchedPage(browser, { colorScheme: scheme, width: 1440, height: 900 });
      await openReport(w, puzzle.html);
      const resume = puzzle.trace.steps.findIndex((s) => s.kind === 'resume');
      await w.page.evaluate((s) => window.loopscope!.goTo(s), resume);
      await waitForStep(w.page, resume);
      await waitForDiagramSettled(w.page);
      await screenshot(w.page, `puzzle-${scheme}`);

      await openReport(w, pingpong.html);
      const mid = pingpong.trace.coroutines[1]?.awaits[0]?.suspendStep ?? Math.floor(pingpong.trace.steps.length / 2);
      await w.page.evaluate((s) => window.loopscope!.goTo(s), mid);
      await waitForStep(w.page, mid);
      await waitForDiagramSettled(w.page);
      await screenshot(w.page, `pingpong-${scheme}`);

      await w.page.setViewportSize({ width: 1280, height: 720 });
      await w.page.evaluate(() => window.loopscope!.applySettings({ fontScale: 1.75 }));
      await waitForDiagramSettled(w.page);
      await w.page.evaluate(() => window.scrollTo(0, 0));
      await w.page.screenshot({ path: join(OUT, `pingpong-${scheme}-projector.png`) });
      // Presentation Mode: the same screen without the noise
      await w.page.evaluate(() => window.loopscope!.applySettings({ presentation: true }));
      await w.page.screenshot({ path: join(OUT, `pingpong-${scheme}-projector-presenting.png`) });
      await w.page.evaluate(() => window.loopscope!.applySettings({ presentation: false }));
      await expectCleanExceptRequests(w);
      await w.page.close();
    }, 90_000);
  }
});

describe('a narrow panel (beside an editor, Explorer open)', () => {
  it('shows every queue card in full: the stage scrolls instead of squeezing the queues away', async () => {
    const w = await watchedPage(browser, { colorScheme: 'dark', width: 480, height: 900 });
    await openReport(w, puzzle.html);
    // a step with a promise reaction and a queueMicrotask job queued, and a timer
    const step = puzzle.trace.steps.findIndex((s, i) => i > 0 && puzzle.trace.tasks[s.task].queue !== 'main');
    await w.page.evaluate((s) => window.loopscope!.goTo(s - 1), step);
    await waitForStep(w.page, step - 1);
    const sizes = await w.page.evaluate(() => {
      const cards = document.querySelector('.ls-loop .ls-cards') as HTMLElement;
      return { shown: cards.clientHeight, content: cards.scrollHeight, count: cards.children.length };
    });
    expect(sizes.count).toBeGreaterThanOrEqual(6);
    expect(sizes.shown).toBeGreaterThan(100);
    expect(sizes.shown).toBeGreaterThanOrEqual(sizes.content - 1);
    await screenshot(w.page, 'narrow-panel');
    await expectCleanExceptRequests(w);
    await w.page.close();
  });
});

async function expectCleanExceptRequests(w: Watched): Promise<void> {
  expect(await w.cspViolations()).toEqual([]);
  expect(w.consoleErrors).toEqual([]);
  expect(w.pageErrors).toEqual([]);
}

describe('diagram pages on real traces', () => {
  it('the highlighted window text is exactly what the generator makes for that current step', () => {
    for (const t of [puzzle.trace, pingpong.trace]) {
      for (const size of [10, 25, 250]) {
        const pages = diagramPages(t, size);
        for (let step = 0; step < t.steps.length; step++) {
          const idx = pages.windows.findIndex((w) => step >= w.fromStep && step <= w.toStep);
          const expected = sequenceDiagramWindows(t, { windowSize: size, currentStep: step })[idx].text;
          expect(highlightedWindowText(t, pages, idx, step)).toBe(expected);
        }
      }
    }
  });
});

/** WCAG contrast of every diagram text in view against what is drawn beneath it (SVG rects, then the page). */
async function diagramContrasts(page: import('playwright-core').Page): Promise<{ text: string; ratio: number; current: boolean }[]> {
  return page.evaluate(() => {
    const rgba = (c: string): [number, number, number, number] => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p[3] ?? 1];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const over = (top: number[], below: number[]) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3]));
    const box = document.querySelector('.ls-diagram-box')!.getBoundingClientRect();
    const out: { text: string; ratio: number; current: boolean }[] = [];
    for (const t of document.querySelectorAll<SVGTextElement>('.ls-diagram-box svg text')) {
      const r = t.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (!r.width || x < box.left || x > box.right || y < box.top || y > box.bottom || y > innerHeight || x > innerWidth) continue;
      // the layers under the text's centre, topmost first, down to the first opaque one
      const layers: number[][] = [];
      for (const el of document.elementsFromPoint(x, y)) {
        if (el === t || t.contains(el) || el.closest('text')) continue;
        const cs = getComputedStyle(el);
        let c: number[];
        if (el instanceof SVGRectElement) {
          c = rgba(cs.fill);
          c[3] *= Number(cs.fillOpacity) * Number(cs.opacity);
        } else if (el instanceof SVGElement) continue;
        else c = rgba(cs.backgroundColor);
        if (c[3] <= 0) continue;
        layers.push(c);
        if (c[3] >= 1) break;
      }
      let bg = [255, 255, 255];
      for (const l of layers.reverse()) bg = over(l, bg);
      // the glyphs take their colour from the innermost tspan where mermaid styles one
      const fg = over(rgba(getComputedStyle(t.querySelector('tspan') ?? t).fill), bg);
      const [a, b] = [lum(fg), lum(bg)].sort((p, q) => q - p);
      out.push({ text: (t.textContent ?? '').slice(0, 60), ratio: Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100, current: t.classList.contains('ls-current') });
    }
    return out;
  });
}

describe('the bundled puzzle: diagram in step, report as good as the panel', () => {
  let example: Traced;
  beforeAll(() => {
    example = traceProgram(tmp.dir, 'event-loop-puzzle.js', readFileSync(join(__dirname, '..', '..', 'examples', 'event-loop-puzzle.js'), 'utf8'));
  }, 60_000);

  it('the report is under 1.5 MB, with mermaid in it once (gzipped data, not a second script)', () => {
    const html = readFileSync(example.html, 'utf8');
    console.log(`report size for event-loop-puzzle.js: ${(html.length / 1e6).toFixed(2)} MB`);
    expect(html.length).toBeLessThan(1_500_000);
    expect(html.match(/id="loopscope-mermaid"/g)).toHaveLength(1);
    const scriptBodies = [...html.matchAll(/<script nonce="[^"]+">([\s\S]*?)<\/script>/g)].map((m) => m[1].length);
    expect(scriptBodies).toHaveLength(1);
    expect(scriptBodies[0]).toBeLessThan(400_000);
  });

  it('the panel shows within 1.5 s, and the diagram is drawn within a generous 3 s of it', async () => {
    const w = await watchedPage(browser, { width: 1600, height: 1000 });
    const page = w.page;
    await page.addInitScript(() => {
      new MutationObserver((_, o) => {
        if (document.querySelector('.ls-app')) {
          (window as unknown as { __appAt: number }).__appAt = performance.now();
          o.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(pathToFileURL(example.html).href, { waitUntil: 'commit' });
    await page.waitForSelector('.ls-app');
    // the user asks for the diagram at once: what it costs is loading mermaid plus one render
    await showTab(page, 'Sequence diagram');
    await page.waitForFunction(() => !!document.querySelector<HTMLElement>('.ls-diagram')?.dataset.drawnAt, undefined, { timeout: 30_000 });
    const t = await page.evaluate(() => ({
      appAt: (window as unknown as { __appAt: number }).__appAt,
      drawnAt: Number(document.querySelector<HTMLElement>('.ls-diagram')!.dataset.drawnAt),
      renderMs: Number(document.querySelector<HTMLElement>('.ls-diagram')!.dataset.renderMs),
    }));
    console.log(`panel shown ${Math.round(t.appAt)} ms after navigation; diagram drawn ${Math.round(t.drawnAt - t.appAt)} ms after the panel (mermaid render ${t.renderMs} ms)`);
    expect(t.appAt).toBeLessThan(1500);
    expect(t.drawnAt - t.appAt).toBeLessThan(3000);
    await expectClean(w);
    await page.close();
  }, 60_000);

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    it(`${theme}: every diagram text in view, the current message too, has at least 4.5:1 contrast`, async () => {
      const w = await watchedPage(browser, { colorScheme: theme === 'light' ? 'light' : 'dark', width: 1600, height: 1000 });
      const page = w.page;
      await openReport(w, example.html);
      if (theme === 'high-contrast') {
        // VS Code's high contrast theme: its body class and the colours it gives the webview
        await page.evaluate(() => {
          const vars = { '--vscode-editor-background': '#000000', '--vscode-sideBar-background': '#000000', '--vscode-foreground': '#ffffff', '--vscode-textLink-foreground': '#21a6ff', '--vscode-contrastBorder': '#6fc3df' };
          for (const [k, v] of Object.entries(vars)) document.body.style.setProperty(k, v);
          document.body.classList.add('vscode-high-contrast');
        });
      }
      await showTab(page, 'Sequence diagram');
      const step = example.trace.steps.findIndex((s) => s.kind === 'schedule');
      await page.evaluate((s) => window.loopscope!.goTo(s), step);
      await waitForStep(page, step);
      await waitForDiagramSettled(page);
      await containsText(page.locator('.ls-diagram-box text.messageText.ls-current'), '◀ current');
      if (theme !== 'light') await eventually(async () => expect(await page.locator('.ls-diagram-box svg').evaluate((el) => el.outerHTML)).toContain('#1f2020'), 20_000);
      const ratios = await diagramContrasts(page);
      const current = ratios.filter((r) => r.current);
      console.log(`${theme}: current message ${current.map((r) => r.ratio).join(', ')}:1; lowest of ${ratios.length} texts ${Math.min(...ratios.map((r) => r.ratio))}:1`);
      expect(current).toHaveLength(1);
      expect(ratios.length).toBeGreaterThan(10);
      expect(ratios.filter((r) => r.ratio < 4.5)).toEqual([]);
      await page.setViewportSize({ width: 1600, height: 1000 });
      await page.evaluate(() => window.scrollTo(0, 0));
      if (theme !== 'high-contrast') {
        await page.screenshot({ path: join(OUT, `diagram-tab-${theme}.png`) });
        await showTab(page, 'Event loop');
        await page.screenshot({ path: join(OUT, `report-${theme}.png`) });
      }
      await page.close();
    }, 60_000);
  }

  it('a coroutine prints on its own lifeline, not on the main script that called it', async () => {
    const text = sequenceDiagramWindows(example.trace, { windowSize: 250 })[0].text;
    const load = /participant (P\d+) as load/.exec(text)![1];
    const main = /participant (P\d+) as main script/.exec(text)![1];
    expect(text).toContain(`Note over ${load}: prints #quot;load()#58; before await#quot;`);
    expect(text).toContain(`Note over ${main}: prints #quot;2. script end#quot;`);
  });

  it('shows the source with the current line, and its file:line links move to the code view at that line', async () => {
    const w = await watchedPage(browser, { width: 1600, height: 1000 });
    const page = w.page;
    await openReport(w, example.html);
    const lines = readFileSync(example.file, 'utf8').split('\n');
    const at = stepOfOutput(example.trace, 'load(): before await');
    await page.evaluate((s) => window.loopscope!.goTo(s), at);
    await waitForStep(page, at);
    const printLine = lines.findIndex((l) => l.includes("console.log('load(): before await')")) + 1;
    await hasAttr(page.locator('.ls-code-current'), 'data-line', String(printLine));
    await containsText(page.locator('.ls-code-current'), "console.log('load(): before await')");
    await hasText(page.locator('.ls-code-file'), `event-loop-puzzle.js:${printLine}`);
    // from the diagram's tab, the step's file:line link brings the code view back at that line
    await showTab(page, 'Sequence diagram');
    await page.locator('.ls-step-source').click();
    await hasAttr(page.getByRole('tab', { name: 'Event loop' }), 'aria-selected', 'true');
    await hasAttr(page.locator('.ls-code-current'), 'data-line', String(printLine));
    expect(await page.locator('.ls-code').isVisible()).toBe(true);
    await page.close();
  }, 60_000);

  it('an error\'s file:line link shows that line in the code view (a line the current step is not on)', async () => {
    const failing = traceProgram(tmp.dir, 'fails.js', "console.log('start');\n\nsetTimeout(() => {\n  console.log('about to fail');\n  throw new Error('boom');\n}, 0);\n");
    const w = await watchedPage(browser, { width: 1600, height: 1000 });
    const page = w.page;
    await openReport(w, failing.html);
    expect(failing.trace.program.error?.source?.line).toBe(5);
    await waitForStep(page, 0);
    await hasCount(page.locator('.ls-code-current[data-line="5"]'), 0);
    await page.locator('.ls-program-error button').click();
    await hasAttr(page.locator('.ls-code-current'), 'data-line', '5');
    await containsText(page.locator('.ls-code-current'), "throw new Error('boom')");
    // the next step shows its own line again
    await page.keyboard.press('ArrowRight');
    await waitForStep(page, new StepIndex(failing.trace).nextStep(0));
    await hasCount(page.locator('.ls-code-current[data-line="5"]'), 0);
    await page.close();
  }, 60_000);
});
