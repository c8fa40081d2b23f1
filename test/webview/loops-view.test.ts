// Several event loops in the viewer: the event-loop view shows one loop at a time (by default the loop the current
// step runs on), says which, and can be switched to another; the step's task line names its loop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openReport, tempDir, traceProgram, watchedPage, waitForStep, eventually, queueLabels, screenshot, showTab, type Traced } from './helpers';

const PROGRAM = `const { Worker, isMainThread, parentPort } = require('node:worker_threads');
if (isMainThread) {
  // pending whenever the worker runs, however slowly it starts: the message clears it
  const timer = setTimeout(() => console.log('main: timer'), 30000);
  const w = new Worker(__filename);
  w.on('message', (m) => {
    console.log('main got', m);
    clearTimeout(timer);
  });
} else {
  setImmediate(() => {
    console.log('worker: immediate');
    parentPort.postMessage('hi');
  });
}
`;

let browser: Browser;
const tmp = tempDir();
let traced: Traced;

beforeAll(async () => {
  traced = traceProgram(tmp.dir, 'two-loops.js', PROGRAM);
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  tmp.cleanup();
});

describe('a trace of two event loops', () => {
  it('shows the loop of the current step, names it, and switches to another on request', async () => {
    const { trace } = traced;
    expect(trace.threads.length).toBe(2);
    const worker = trace.threads.find((t) => t.kind === 'worker')!;
    // the step in the worker that queues its immediate: the main thread's timer is queued too, on the other loop
    const step = trace.steps.findIndex((s) => s.kind === 'schedule' && trace.tasks[s.task].thread === worker.id && /setImmediate|immediate/i.test(s.text));
    expect(step).toBeGreaterThan(0);
    const w = await watchedPage(browser);
    const page = w.page;
    await openReport(w, traced.html);
    await page.evaluate((s) => window.loopscope!.goTo(s), step);
    await waitForStep(page, step);
    await eventually(async () => expect(await page.locator('.ls-loop-name').textContent()).toContain(worker.name));
    expect(await page.locator('.ls-task-line').textContent()).toContain(worker.name);
    expect((await queueLabels(page, 'immediate')).length).toBe(1);
    // the main thread's timer is in the other loop's queue, not this one's
    expect(await queueLabels(page, 'timer')).toEqual([]);
    await screenshot(page, 'loops-worker-step');

    await page.locator('.ls-loop-pick').selectOption(String(trace.threads.find((t) => t.kind === 'main')!.id));
    await eventually(async () => expect(await page.locator('.ls-loop-name').textContent()).toContain('main'));
    expect((await queueLabels(page, 'timer')).join()).toContain('30000 ms');
    expect(await queueLabels(page, 'immediate')).toEqual([]);
    // its call stack is not known at another loop's step
    expect(await page.locator('.ls-stack .ls-empty').textContent()).toContain(worker.name);

    await page.locator('.ls-loop-pick').selectOption('follow');
    await eventually(async () => expect(await page.locator('.ls-loop-name').textContent()).toContain(worker.name));

    // the timeline: each loop's queues in lanes of their own, named with the loop, and the message as an arrow
    await showTab(page, 'Timeline');
    const lanes = await page.locator('.ls-lane-list li[data-kind="queue"]').allTextContents();
    expect(lanes).toContain('main · main script');
    expect(lanes).toContain(`${worker.name.replace(/ \(.*\)$/, '')} · immediates`);
    const canvas = page.locator('.ls-tl-canvas');
    await canvas.focus();
    await page.keyboard.press('0');
    await eventually(async () => expect(Number(await canvas.getAttribute('data-messages'))).toBe(trace.messages.length));
    expect(trace.messages.length).toBe(1);
    await screenshot(page, 'loops-timeline');
    // the arrow, hovered: the message's channel, its ends and its payload's shape (never its content)
    const arrow = (await canvas.evaluate((c) => (c as unknown as { drawnBoxes(): { kind: string; x: number; y: number; w: number; h: number }[] }).drawnBoxes())).find((b) => b.kind === 'message')!;
    expect(arrow).toBeDefined();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + arrow.x + arrow.w / 2, box.y + arrow.y + arrow.h / 2);
    await eventually(async () => expect(await canvas.getAttribute('title')).toMatch(/^Message parentPort\.postMessage: a string \(2 characters\), sent by task \d+ on worker \d+, received by task \d+ on main/));

    // a loop's lanes fold into one lane (all its tasks) and unfold again; the message still has its arrow
    const short = worker.name.replace(/ \(.*\)$/, '');
    const fold = page.locator(`.ls-tl-loop[data-thread="${worker.id}"]`);
    expect(await fold.textContent()).toBe(`▾ ${short}`);
    expect(await fold.getAttribute('aria-expanded')).toBe('true');
    const before = Number(await canvas.getAttribute('data-lanes'));
    const workerLanes = (await page.locator('.ls-lane-list li').allTextContents()).filter((l) => l.startsWith(`${short} · `)).length;
    expect(workerLanes).toBeGreaterThan(1);
    await fold.click();
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    expect(await fold.textContent()).toBe(`▸ ${short}`);
    expect(await page.locator('.ls-lane-list li').allTextContents()).toContain(`${short} · all queues`);
    expect((await page.locator('.ls-lane-list li').allTextContents()).filter((l) => l.startsWith(`${short} · `))).toEqual([`${short} · all queues`]);
    expect(Number(await canvas.getAttribute('data-lanes'))).toBe(before - workerLanes + 1);
    await eventually(async () => expect(Number(await canvas.getAttribute('data-messages'))).toBe(1));
    await screenshot(page, 'loops-timeline-folded');
    await fold.click();
    expect(Number(await canvas.getAttribute('data-lanes'))).toBe(before);
    expect(w.pageErrors).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await page.close();
  });
});
