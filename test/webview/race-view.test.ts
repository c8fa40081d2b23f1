// A race across an await, as the viewer shows it: the findings list (each moment jumps to its step), a band on the
// timeline from the read to the stale write, and a labelled block in the sequence diagram.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { launch, tempDir, traceProgram, watchedPage, openReport, showTab, OUT, type Traced, LOST_UPDATE } from './helpers';


const REJECTS = `async function save(name) {
  await new Promise((resolve) => setTimeout(resolve, 5));
  throw new Error('disk full while saving ' + name);
}
console.log('saving');
save('report.txt');
`;

const tmp = tempDir('loopscope-race-view-');
let traced: Traced;
let rejects: Traced;
let browser: Browser;

beforeAll(async () => {
  traced = traceProgram(tmp.dir, 'race.js', LOST_UPDATE);
  rejects = traceProgram(tmp.dir, 'rejects.js', REJECTS);
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  tmp.cleanup();
});

describe('a race in the viewer', () => {
  it('is listed, drawn on the timeline and in the diagram, and its moments are one click away', async () => {
    const [finding] = traced.trace.findings;
    expect(finding.kind).toBe('lost-update');
    const w = await watchedPage(browser);
    await openReport(w, traced.html);
    const page = w.page;
    await page.locator('.ls-findings', { hasText: 'lost update' }).waitFor();
    await page.locator('.ls-diagram-box svg', { hasText: 'lost update on visits' }).waitFor({ timeout: 30_000 });
    // the timeline draws the band once the race is in view
    await page.getByRole('button', { name: /Go to the read/ }).click();
    await showTab(page, 'Timeline');
    await expect.poll(() => page.locator('canvas.ls-tl-canvas').getAttribute('data-races')).toBe('1');
    const step = () => page.locator('.ls-app').first().getAttribute('data-step');
    await expect.poll(step).toBe(String(finding.steps!.read));
    await page.getByRole('button', { name: /Go to the stale write/ }).click();
    await expect.poll(step).toBe(String(finding.steps!.staleWrite));
    await page.screenshot({ path: join(OUT, 'race-view.png'), fullPage: true });
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
  });

  it('other findings too: an unhandled rejection jumps to where the promise was made and where it was rejected', async () => {
    const [finding] = rejects.trace.findings;
    expect(finding.kind).toBe('unhandled-rejection');
    const [made, rejected] = finding.sites;
    expect([made.role, made.line, rejected.role, rejected.line]).toEqual(['created', 6, 'rejection', 3]);
    const w = await watchedPage(browser);
    await openReport(w, rejects.html);
    const page = w.page;
    await page.locator('.ls-findings', { hasText: 'unhandled rejection' }).waitFor();
    const step = () => page.locator('.ls-app').first().getAttribute('data-step');
    await page.getByRole('button', { name: /Go to the promise made/ }).click();
    await expect.poll(step).toBe(String(made.step));
    await page.getByRole('button', { name: /Go to the rejection/ }).click();
    await expect.poll(step).toBe(String(rejected.step));
    expect(rejected.step!).toBeGreaterThan(made.step!);
    await page.screenshot({ path: join(OUT, 'unhandled-rejection-view.png'), fullPage: true });
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
  });
});
