// A 100k-step trace of a real run: stepping stays fast, the timeline draws only what is visible, and the diagram
// still draws the window that holds the current step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openReport, tempDir, traceProgram, watchedPage, waitForStep, eventually, screenshot, showTab, type Traced } from './helpers';

const PROGRAM = `async function worker(id) {
  for (let i = 0; i < 1250; i++) {
    await null;
    if (i % 250 === 0) console.log('worker', id, i);
  }
}
async function main() {
  const all = [];
  for (let w = 0; w < 40; w++) all.push(worker(w));
  setTimeout(() => console.log('timer'), 1);
  setImmediate(() => console.log('immediate'));
  await Promise.all(all);
  console.log('done');
}
main();
`;

let browser: Browser;
const tmp = tempDir();
let traced: Traced;

beforeAll(async () => {
  traced = traceProgram(tmp.dir, 'big.js', PROGRAM);
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  tmp.cleanup();
});

describe('100k-step trace', () => {
  it('has about 100k steps', () => {
    expect(traced.trace.steps.length).toBeGreaterThan(90_000);
    expect(traced.trace.coroutines.length).toBeGreaterThan(40);
  });

  it('steps, scrubs and draws without stalling', async () => {
    const w = await watchedPage(browser);
    const page = w.page;
    const t0 = Date.now();
    await openReport(w, traced.html, { diagram: false });
    const openMs = Date.now() - t0;
    // the diagram's windows of a big trace are computed only when its tab is shown, not after the first paint
    await page.waitForTimeout(500);
    expect(await page.locator('.ls-window-title').textContent()).toBe('');
    const last = traced.trace.steps.length - 1;

    // time from a step change to the frame after it was drawn, for steps across the whole run
    const times = await page.evaluate(async (n) => {
      const out: number[] = [];
      const twoFrames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      for (let i = 0; i < 30; i++) {
        const target = Math.floor((n * (i * 7919 % 30)) / 30);
        const start = performance.now();
        window.loopscope!.goTo(target);
        await twoFrames();
        out.push(performance.now() - start);
      }
      return out.sort((a, b) => a - b);
    }, last);
    const median = times[Math.floor(times.length / 2)];
    // the page's JavaScript heap after opening and stepping all over the trace (garbage collected first)
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const heapMb = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
    console.log(`100k trace: open ${openMs} ms, step change median ${median.toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms, JS heap ${heapMb.toFixed(0)} MB`);
    expect(heapMb).toBeGreaterThan(1);
    expect(median).toBeLessThan(120);

    // keyboard stepping in the middle of the run
    await page.evaluate((s) => window.loopscope!.goTo(s), Math.floor(last / 2));
    await waitForStep(page, Math.floor(last / 2));
    const before = await page.locator('.ls-step-text').textContent();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((s) => Number(document.querySelector('.ls-app')?.getAttribute('data-step')) > s, Math.floor(last / 2));
    expect(await page.locator('.ls-step-text').textContent()).not.toBe(before);

    // the timeline only draws visible spans, zoomed in or fitted to the whole run
    await showTab(page, 'Timeline');
    const canvas = page.locator('.ls-tl-canvas');
    expect(await canvas.getAttribute('data-lanes')).toBe(String(new Set(traced.trace.tasks.map((t) => t.queue)).size + traced.trace.coroutines.length));
    const zoomedIn = Number(await canvas.getAttribute('data-drawn'));
    expect(zoomedIn).toBeGreaterThan(0);
    expect(zoomedIn).toBeLessThan(3000);
    await canvas.focus();
    await page.keyboard.press('0');
    await eventually(async () => expect(await canvas.getAttribute('data-range')).toBe(`0-${last}`));
    const width = (await canvas.boundingBox())!.width;
    // bounded by pixels, not by spans: at most one run and one wait per pixel column in each of the <= 13 lanes drawn
    const fitted = Number(await canvas.getAttribute('data-drawn'));
    expect(fitted).toBeLessThan(2 * 13 * width);
    expect(fitted).toBeLessThan(traced.trace.tasks.length);
    const drawMs = await canvas.evaluate(async () => {
      const start = performance.now();
      for (let i = 0; i < 10; i++) window.loopscope!.goTo(i * 5000);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - start;
    });
    console.log(`100k trace, fitted timeline: a frame with 10 step changes in ${drawMs.toFixed(1)} ms`);
    expect(drawMs).toBeLessThan(400);

    // the sequence diagram draws the window of the current step (its title numbers steps as the counter does)
    await showTab(page, 'Sequence diagram');
    await page.evaluate((s) => window.loopscope!.goTo(s), Math.floor(last * 0.75));
    const shown = await page.evaluate((s) => window.loopscope!.index.stepNumber(s), Math.floor(last * 0.75));
    await eventually(async () => {
      const title = (await page.locator('.ls-window-title').textContent()) ?? '';
      const [, from, to] = /steps (\d+)–(\d+)/.exec(title) ?? [];
      expect(Number(from)).toBeLessThanOrEqual(shown);
      expect(Number(to)).toBeGreaterThanOrEqual(shown);
      expect(await page.locator('.ls-diagram-box [data-et="message"].ls-current, .ls-diagram-box [data-et="note"].ls-current').count()).toBeGreaterThan(0);
    }, 60_000);
    await screenshot(page, 'big-trace-light');
    expect(await w.cspViolations()).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await page.close();
  }, 180_000);
});
