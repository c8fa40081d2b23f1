// A program whose file name and output are hostile to mermaid and to HTML: the report still renders, shows the text
// exactly as printed, and nothing in it runs (no dialog, no injected element, no CSP violation).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launch, openReport, tempDir, traceProgram, watchedPage, waitForStep, waitForDiagramSettled, hasCount, showTab, type Traced } from './helpers';

const HOSTILE = [
  '; # %% --> end loop "quotes" <script>alert(1)</script>',
  'participant end as loop',
  '</script><img src=x onerror="alert(2)">',
  '%%{init: {"securityLevel": "loose"}}%%',
  'click P0 call alert(3)',
  '<!-- <script>alert(4)</script>',
  'a\u2028b\u2029c & &amp; &lt; {{x}} ${x} `tick` | pipe : colon #59; entity',
];

const PROGRAM = `const lines = ${JSON.stringify(HOSTILE)};
async function main() {
  for (const l of lines) {
    console.log(l);
    await null;
  }
  console.error(lines[0]);
  setTimeout(() => console.log(lines[2]), 0);
}
main();
`;

let browser: Browser;
const tmp = tempDir();
let traced: Traced;
let markupNamed: Traced;
const MARKUP_NAME = '<img src=x onerror=alert(5)>;%%.js';

beforeAll(async () => {
  traced = traceProgram(tmp.dir, 'weird;name#1.js', PROGRAM);
  markupNamed = traceProgram(tmp.dir, MARKUP_NAME, `setTimeout(() => console.log('</title><script>alert(6)</script>'), 0);\n`);
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  tmp.cleanup();
});

describe('hostile strings', () => {
  it('the trace recorded them as printed', () => {
    const printed = traced.trace.output.map((o) => o.text.replace(/\n$/, ''));
    for (const l of HOSTILE) expect(printed).toContain(l);
    expect(traced.trace.program.entry.endsWith('weird;name#1.js')).toBe(true);
  });

  it('the report file has them only inside the JSON blob, with "<" escaped', () => {
    const html = readFileSync(traced.html, 'utf8');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('<title>weird;name#1.js: Loopscope trace</title>');
    // the noscript summary escapes the path too
    const noscript = /<noscript>([\s\S]*?)<\/noscript>/.exec(html)![1];
    expect(noscript).toContain('weird;name#1.js');
    expect(noscript).not.toMatch(/<script|<img/);
  });

  it('a file name made of markup is escaped in the title and the noscript summary, and shown verbatim', async () => {
    const html = readFileSync(markupNamed.html, 'utf8');
    expect(html).toContain('<title>&lt;img src=x onerror=alert(5)&gt;;%%.js: Loopscope trace</title>');
    const markup = html.replace(/(<script[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
    expect(markup).not.toContain('<img');
    const w = await watchedPage(browser);
    await openReport(w, markupNamed.html);
    expect(await w.page.locator('.ls-entry').textContent()).toBe(MARKUP_NAME);
    expect(await w.page.title()).toBe(`${MARKUP_NAME}: Loopscope trace`);
    await w.page.keyboard.press('End');
    await waitForDiagramSettled(w.page);
    expect(await w.page.locator('.ls-out-text').allTextContents()).toEqual(['</title><script>alert(6)</script>']);
    expect(await w.page.locator('#loopscope img, #loopscope script').count()).toBe(0);
    expect(w.dialogs).toEqual([]);
    expect(await w.cspViolations()).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await w.page.close();
  }, 60_000);

  it('renders every view, shows the text verbatim, and runs none of it', async () => {
    const w = await watchedPage(browser);
    await openReport(w, traced.html);
    const page = w.page;
    // the diagram is drawn (and re-drawn while stepping) on its own tab
    await showTab(page, 'Sequence diagram');
    await page.keyboard.press('End');
    await waitForStep(page, traced.trace.steps.length - 1);
    await waitForDiagramSettled(page);

    const shown = await page.locator('.ls-out .ls-out-text').allTextContents();
    for (const l of HOSTILE) expect(shown).toContain(l);
    await hasCount(page.locator('.ls-out.ls-stderr'), 1);
    expect(await page.locator('.ls-entry').textContent()).toBe('weird;name#1.js');

    // the diagram: drawn, with messages, no error text, nothing executable inside
    const box = page.locator('.ls-diagram-box');
    expect(await box.locator('svg').count()).toBe(1);
    expect(await box.locator('[data-et="message"]').count()).toBeGreaterThan(3);
    expect(await box.locator('[data-et="note"]').count()).toBeGreaterThanOrEqual(HOSTILE.length);
    expect(await page.locator('.ls-diagram-status').textContent()).toBe('');
    const diagramText = (await box.textContent()) ?? '';
    expect(diagramText).not.toMatch(/Syntax error|Maximum text size/i);
    expect(diagramText).toContain('<script>alert(1)</script>');

    // nothing hostile became markup anywhere in the page
    expect(await page.locator('#loopscope script, #loopscope img, #loopscope iframe, #loopscope [onerror], #loopscope [onclick]').count()).toBe(0);
    // the settings, trace and sources JSON blocks, the viewer, mermaid packed and mermaid unpacked: nothing else
    expect(await page.locator('script').count()).toBe(6);
    expect(w.dialogs).toEqual([]);
    expect(await w.cspViolations()).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.pageErrors).toEqual([]);

    // click through every step's diagram message once more with the highlight moving over the hostile notes
    for (let s = 0; s < traced.trace.steps.length; s += 3) {
      await page.evaluate((x) => window.loopscope!.goTo(x), s);
      await waitForStep(page, s);
    }
    await waitForDiagramSettled(page);
    expect(w.dialogs).toEqual([]);
    expect(await w.cspViolations()).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await page.close();
  }, 90_000);
});
