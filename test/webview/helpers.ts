// Shared by the webview tests: trace real programs with the built CLI, open reports in headless Chromium, and record
// everything that must not happen there (CSP violations, console errors, page errors, dialogs, network requests).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseTrace, type Trace } from '../../src/core/trace-format';

export const ROOT = resolve(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.cjs');
export const WEBVIEW_JS = join(ROOT, 'dist', 'webview.js');
export const MERMAID_JS = join(ROOT, 'dist', 'mermaid.js');
export const OUT = join(__dirname, 'out');

/** Two visits read a shared counter, await and write it back: a lost update (read line 4, await 5, write 6). */
export const LOST_UPDATE = `let visits = 0;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function visit(ms) {
  const seen = visits;
  await pause(ms);
  visits = seen + 1;
}
Promise.all([visit(5), visit(10)]).then(() => console.log('visits', visits));
`;

export function requireBuild(): void {
  for (const f of [CLI, WEBVIEW_JS]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run "node scripts/build.mjs" before the webview tests`);
  }
}

export function tempDir(prefix = 'loopscope-webview-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Traced {
  file: string;
  json: string;
  html: string;
  trace: Trace;
  stdout: string;
  stderr: string;
}

/** Write `source` to dir/name, trace it with the real CLI, and return the trace and the report's path. */
export function traceProgram(dir: string, name: string, source: string, extra: string[] = []): Traced {
  requireBuild();
  const file = join(dir, name);
  writeFileSync(file, source);
  const base = join(dir, name.replace(/[^\w.-]+/g, '_'));
  const json = `${base}.trace.json`;
  const html = `${base}.report.html`;
  const r = spawnSync(process.execPath, [CLI, 'trace', file, '--json', json, '--html', html, '-q', ...extra], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  if (!existsSync(json) || !existsSync(html)) throw new Error(`tracing ${name} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { file, json, html, trace: parseTrace(readFileSync(json, 'utf8')), stdout: r.stdout, stderr: r.stderr };
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launch(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface Watched {
  page: Page;
  consoleErrors: string[];
  warnings: string[];
  pageErrors: string[];
  dialogs: string[];
  requests: string[];
  cspViolations: () => Promise<string[]>;
}

/** A page that records what must not happen. CSP violations are collected in the page from the first script on. */
export async function watchedPage(browser: Browser, opts: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {}): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: opts.width ?? 1400, height: opts.height ?? 1000 } });
  await page.emulateMedia({ colorScheme: opts.colorScheme ?? 'light', reducedMotion: 'reduce' });
  const w: Watched = {
    page,
    consoleErrors: [],
    warnings: [],
    pageErrors: [],
    dialogs: [],
    requests: [],
    cspViolations: () => page.evaluate(() => ((window as unknown as { __csp?: string[] }).__csp ?? []).slice()),
  };
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push(m.text());
    if (m.type() === 'warning') w.warnings.push(m.text());
  });
  page.on('pageerror', (e) => w.pageErrors.push(e.message));
  page.on('dialog', (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => w.requests.push(r.url()));
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  return w;
}

/**
 * Open a report and wait until the viewer and its first diagram are drawn (a big trace draws its diagram only when
 * its tab is shown: pass `diagram: false`, and the wait is for the first step instead).
 */
export async function openReport(w: Watched, html: string, { diagram = true } = {}): Promise<void> {
  await w.page.goto(pathToFileURL(html).href);
  await w.page.waitForSelector('.ls-app');
  if (diagram) await waitForDiagram(w.page);
  else await w.page.waitForSelector('.ls-step-text');
}

export async function waitForDiagram(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => {
    const d = document.querySelector('.ls-diagram');
    return !!d && (!!d.querySelector('.ls-diagram-box svg') || !!d.querySelector('.ls-diagram-status.ls-error'));
  }, undefined, { timeout });
}

/** Wait until the diagram shows mermaid's highlight for the current step (the debounced re-render has landed). */
export async function waitForDiagramSettled(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => {
    const box = document.querySelector('.ls-diagram-box');
    return !!box && !!box.querySelector('svg') && !box.classList.contains('ls-mark-stale');
  }, undefined, { timeout });
}

export async function currentStep(page: Page): Promise<number> {
  return Number(await page.locator('.ls-app').getAttribute('data-step'));
}

/** Wait for the viewer to show `step` (rendering happens on the next animation frame). */
export async function waitForStep(page: Page, step: number): Promise<void> {
  await page.waitForFunction((s) => document.querySelector('.ls-app')?.getAttribute('data-step') === String(s), step, { timeout: 10_000 });
}

/** Show one of the viewer's tabs ('Event loop', 'Timeline', 'Sequence diagram'), as a click would. */
export async function showTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await page.waitForFunction((n) => [...document.querySelectorAll('[role="tab"]')].some((t) => t.textContent === n && t.getAttribute('aria-selected') === 'true'), name);
}

export async function queueLabels(page: Page, queue: string): Promise<string[]> {
  return page.locator(`.ls-card[data-queue="${queue}"] .ls-item .ls-item-label`).allTextContents();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `${name}.png`);
  // from the top, so the sticky controls sit where they belong in a full-page capture
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Retry an assertion until it passes (the viewer renders on the next frame and mermaid asynchronously). */
export async function eventually(check: () => Promise<void> | void, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

type L = import('playwright-core').Locator;
export const hasText = (l: L, text: string) => eventually(async () => expect(((await l.textContent()) ?? '').trim()).toBe(text));
export const containsText = (l: L, text: string) => eventually(async () => expect((await l.textContent()) ?? '').toContain(text));
export const hasClass = (l: L, re: RegExp) => eventually(async () => expect((await l.getAttribute('class')) ?? '').toMatch(re));
export const hasCount = (l: L, n: number) => eventually(async () => expect(await l.count()).toBe(n));
export const hasAttr = (l: L, name: string, value: string) => eventually(async () => expect(await l.getAttribute(name)).toBe(value));
