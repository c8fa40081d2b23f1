// The timeline's time axis, in Chromium, on real traced programs: a server under load opens in time (ms) with one
// lane per request, overlapping requests and awaits as overlapping bars, "+N more lanes" reveals the rest, and no
// label is drawn over another label or over a bar of another lane (the race label has a row of its own).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, tempDir, traceProgram, watchedPage, openReport, showTab, screenshot, ROOT, type Traced, LOST_UPDATE } from './helpers';
import type { DrawnBox } from '../../webview/timeline-view';
import { buildLanes, lanesInTime, TimeAxis } from '../../src/core/timeline-lanes';

const SERVER = readFileSync(join(ROOT, 'examples', 'counter-server.mjs'), 'utf8');
const REQUESTS = 6;


const tmp = tempDir('loopscope-timeline-time-');
let server: Traced;
let all: Traced;
let browser: Browser;

beforeAll(async () => {
  const requests = join(tmp.dir, 'load.requests.json');
  writeFileSync(requests, JSON.stringify([{ method: 'GET', path: '/visit', repeat: REQUESTS }]));
  server = traceProgram(tmp.dir, 'server.mjs', SERVER, ['--requests', requests]);
  all = traceProgram(tmp.dir, 'all.js', LOST_UPDATE);
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  tmp.cleanup();
});

const canvas = (page: Page) => page.locator('canvas.ls-tl-canvas');
const boxes = (page: Page): Promise<DrawnBox[]> =>
  canvas(page).evaluate((c) => (c as HTMLCanvasElement & { drawnBoxes: () => DrawnBox[] }).drawnBoxes());
const laneNames = (page: Page) => page.locator('.ls-lane-list li').allTextContents();
const intersect = (a: DrawnBox, b: DrawnBox) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** The x range of the first wait drawn in a lane. */
async function firstWait(page: Page, laneName: string): Promise<DrawnBox> {
  const lane = (await laneNames(page)).indexOf(laneName);
  expect(lane, `no lane "${laneName}"`).toBeGreaterThanOrEqual(0);
  const wait = (await boxes(page)).filter((b) => b.kind === 'wait' && b.lane === lane).sort((a, b) => a.x - b.x)[0];
  expect(wait, `no wait drawn in "${laneName}"`).toBeDefined();
  return wait;
}

/** No label over another label, and none over a bar or wait of another lane (a bar's label sits inside its bar). */
async function expectLabelsApart(page: Page): Promise<void> {
  const drawn = await boxes(page);
  const labels = drawn.filter((b) => b.kind === 'label');
  expect(labels.length).toBeGreaterThan(0);
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) expect(intersect(labels[i], labels[j]), `"${labels[i].text}" overlaps "${labels[j].text}"`).toBe(false);
    for (const bar of drawn) {
      if (bar.kind !== 'label' && bar.lane !== labels[i].lane) expect(intersect(labels[i], bar), `"${labels[i].text}" is drawn over a ${bar.kind} of lane ${bar.lane}`).toBe(false);
    }
  }
}

describe('the timeline in time', () => {
  it('a server under load opens in time, one lane per request, its requests overlapping; +N more lanes reveals the rest', async () => {
    expect(server.trace.program.requests?.length).toBe(REQUESTS);
    for (const theme of ['light', 'dark'] as const) {
      const w = await watchedPage(browser, { width: 1600, height: 1000, colorScheme: theme });
      const page = w.page;
      await openReport(w, server.html);
      await showTab(page, 'Timeline');
      await expect.poll(() => canvas(page).getAttribute('data-axis')).toBe('time');
      expect(await page.getByRole('button', { name: 'Time', exact: true }).getAttribute('aria-pressed')).toBe('true');
      const names = await laneNames(page);
      for (let k = 1; k <= REQUESTS; k++) expect(names).toContain(`GET /visit #${k}`);
      expect(names).toContain('GET /visit #1 › load');
      expect(names.filter((n) => n.startsWith('createServer callback'))).toEqual([]);
      // the two first requests each wait for the database at the same time: their waits overlap on the x axis
      const a = await firstWait(page, 'GET /visit #1');
      const b = await firstWait(page, 'GET /visit #2');
      expect(a.x < b.x + b.w && b.x < a.x + a.w, `waits ${a.x}+${a.w} and ${b.x}+${b.w} do not overlap`).toBe(true);
      await expectLabelsApart(page);
      // the current step is marked in time: moving to the last step moves the marker right
      const before = Number(await canvas(page).getAttribute('data-current-x'));
      await page.keyboard.press('End');
      await expect.poll(async () => Number(await canvas(page).getAttribute('data-current-x'))).toBeGreaterThan(before);
      await page.keyboard.press('Home');
      await screenshot(page, `timeline-time-server-${theme}`);
      // more lanes than fit: a "+N more" control that shows them all
      const total = names.length;
      expect(total).toBeGreaterThan(12);
      const more = page.getByRole('button', { name: `+${total - 12} more lanes` });
      await more.click();
      await expect.poll(() => canvas(page).getAttribute('data-visible-lanes')).toBe(String(total));
      await expect.poll(async () => new Set((await boxes(page)).map((x) => x.lane)).has(total - 1)).toBe(true);
      await expectLabelsApart(page);
      await page.getByRole('button', { name: 'Show fewer lanes' }).click();
      await expect.poll(() => canvas(page).getAttribute('data-visible-lanes')).toBe('12');
      expect(w.pageErrors).toEqual([]);
      await page.close();
    }
  });

  it('a Promise.all program opens in steps; switched to time, its two awaits overlap and the race label sits apart', async () => {
    expect(all.trace.findings.map((f) => f.kind)).toContain('lost-update');
    const w = await watchedPage(browser, { width: 1600, height: 1000 });
    const page = w.page;
    await openReport(w, all.html);
    await showTab(page, 'Timeline');
    await expect.poll(() => canvas(page).getAttribute('data-axis')).toBe('steps');
    await expectLabelsApart(page);
    const inSteps = [await firstWait(page, 'visit#1'), await firstWait(page, 'visit#2')];
    await page.getByRole('button', { name: 'Time', exact: true }).click();
    await expect.poll(() => canvas(page).getAttribute('data-axis')).toBe('time');
    const [a, b] = [await firstWait(page, 'visit#1'), await firstWait(page, 'visit#2')];
    expect(a.x < b.x + b.w && b.x < a.x + a.w).toBe(true);
    // in time each wait is as long as it waited (from its suspension to the start of the task that resumed it, as the
    // core's time lanes say; test/unit/timeline-time.test.ts checks those against the tasks)
    const lanes = lanesInTime(all.trace, buildLanes(all.trace), new TimeAxis(all.trace));
    const waited = (name: string) => {
      const lane = lanes.find((l) => l.label === name);
      const wait = lane?.kind === 'coroutine' ? lane.waits[0] : undefined;
      return wait ? wait.to - wait.from : NaN;
    };
    expect(Math.abs((b.w / a.w) / (waited('visit#2') / waited('visit#1')) - 1)).toBeLessThan(0.03);
    expect(inSteps.every((x) => x.w > 0)).toBe(true);
    await expect.poll(() => canvas(page).getAttribute('data-races')).toBe('1');
    expect((await boxes(page)).some((x) => x.kind === 'label' && x.text?.startsWith('lost update'))).toBe(true);
    await expectLabelsApart(page);
    expect(w.pageErrors).toEqual([]);
    await page.close();
  });
});
