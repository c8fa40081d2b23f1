// End-to-end, as a person would: a real VS Code (code-server) in Chromium, right-click "Trace async execution",
// the panel, stepping, the editor's highlighted line, a TypeScript file, and the packaged .vsix installed for real.
// Screenshots go to test/vscode/out/; measured timings to test/vscode/out/timings.json.
/* global getComputedStyle */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, mkdirSync, cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench, openFile, restMouseOn, editorContextMenu, clickMenuItem, runCommand, screenshot, codeServerPath, REPO_ROOT, OUT_DIR } from './harness.mjs';

// a copy of test/vscode/workspace: Open Example copies into the workspace, and nothing may land in the checkout
const workspace = mkdtempSync(join(tmpdir(), 'loopscope-e2e-ws-'));
cpSync(join(REPO_ROOT, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
const timings = {};
let wb;

after(async () => {
  await wb?.close();
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'timings.json'), JSON.stringify(timings, null, 2));
  console.log('timings', JSON.stringify(timings));
});

/** Run a test body; on failure, keep a screenshot of what was on screen. */
function shot(name, fn) {
  return async () => {
    try {
      await fn();
    } catch (err) {
      if (wb?.page) await screenshot(wb.page, `e2e-FAILED-${name}.png`).catch(() => {});
      throw err;
    }
  };
}

/** The visible panel's webview (each panel is its own iframe; hidden ones stay loaded). */
function panelFrame(page) {
  return page.frameLocator('iframe.webview.ready >> visible=true').first().frameLocator('#active-frame');
}

/** The panel's webview frame that shows `name` (several panels can be visible side by side). */
/** Loopscope: Open Example..., pick `file`: it is traced and its panel shows; returns the panel's frame. */
async function openExample(page, file) {
  await runCommand(page, 'Loopscope: Open Example...');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(file.replace(/\.[^.]+$/, ''));
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: file }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab', { hasText: `Loopscope: ${file}` }).first().waitFor({ timeout: 60_000 });
  return frameShowing(page, file);
}

async function frameShowing(page, name, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const shown = await frame.evaluate(() => document.querySelector('.ls-program')?.textContent ?? null).catch(() => null);
      if (shown && shown.includes(name)) return frame;
    }
    if (Date.now() > end) throw new Error(`no panel shows ${name}`);
    await page.waitForTimeout(200);
  }
}

/** Give the panel keyboard focus with a click, as a person would (after any tooltip over its edge has gone). */
async function focusPanel(page, frame) {
  const app = frame.locator('.ls-app');
  await restMouseOn(page, app);
  await app.click({ position: { x: 5, y: 5 } });
}

/** The note after the highlighted line: decorations draw it as CSS ::after content, not as text. */
async function inlineNotes(page) {
  return page.evaluate(() => {
    /* global document */
    const notes = [];
    for (const el of document.querySelectorAll('.monaco-editor .view-lines span')) {
      const content = getComputedStyle(el, '::after').content;
      if (content && content !== 'none' && content !== 'normal') notes.push(content);
    }
    return notes;
  });
}

async function currentStep(frame) {
  const text = await frame.locator('.ls-counter').innerText();
  return Number(/Step (\d+)/.exec(text)?.[1]);
}

// ------------------------------------------------------------------------------------------------ the picture
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern', 'high-contrast': 'Default High Contrast' };

/**
 * What of the one-screen picture is not fully visible in the panel without scrolling: the current line of code, the
 * call stack, every queue, the console (and its current line), the headline and the controls. [] when all fit.
 */
async function notOnScreen(frame) {
  return frame.evaluate(() => {
    /* global innerWidth, innerHeight */
    const problems = [];
    const check = (el, what) => {
      if (!el) return problems.push(`${what}: missing`);
      const r = el.getBoundingClientRect();
      if (r.width < 10 || r.height < 10 || r.top < -1 || r.left < -1 || r.bottom > innerHeight + 1 || r.right > innerWidth + 1) {
        problems.push(`${what}: ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)} in ${innerWidth}x${innerHeight}`);
      }
    };
    check(document.querySelector('.ls-controls'), 'step controls');
    check(document.querySelector('.ls-now-main'), 'headline');
    check(document.querySelector('.ls-code-current'), 'current line of code');
    check(document.querySelector('.ls-card-stack'), 'call stack');
    for (const card of document.querySelectorAll('.ls-card[data-queue]')) check(card.querySelector('.ls-card-title'), `${card.dataset.queue} queue`);
    check(document.querySelector('.ls-console-lines'), 'console');
    const line = document.querySelector('.ls-out.ls-current');
    if (line) {
      const box = document.querySelector('.ls-console-lines').getBoundingClientRect();
      const r = line.getBoundingClientRect();
      if (r.top < box.top - 1 || r.bottom > box.bottom + 1) problems.push('the current console line is scrolled out of the console');
    }
    const page = document.scrollingElement;
    if (page.scrollHeight > innerHeight + 1) problems.push(`the panel scrolls: ${page.scrollHeight} px tall in ${innerHeight}`);
    return problems;
  });
}

/** Every line the program prints after the current step that it has not printed before: none may be visible. */
async function futureLinesShown(frame) {
  return frame.evaluate(() => {
    /* global window */
    const app = window.loopscope;
    const printed = app.index.outputCountAt(app.step);
    const past = new Set(app.index.output.slice(0, printed).map((o) => o.text.trim()));
    const future = app.index.output.slice(printed).map((o) => o.text.trim()).filter((t) => t && !past.has(t));
    // the program's own code is no secret (the class reads it to predict): everything else is looked at
    const code = document.querySelector('.ls-code');
    code.style.display = 'none';
    const shown = document.body.innerText;
    code.style.display = '';
    return future.filter((t) => shown.includes(t));
  });
}

/** Outside the panel, notifications and the bottom panel (the Output channel) must not show future output either. */
async function workbenchShows(page, texts) {
  let outside = '';
  for (const el of await page.locator('.notifications-toasts, .notifications-center, .part.panel').all()) outside += (await el.textContent().catch(() => '')) ?? '';
  outside = outside.replace(/\u00a0/g, ' ');
  return texts.filter((t) => outside.includes(t));
}

for (const [theme, colorTheme] of Object.entries(THEMES)) {
  test(`one screen (${theme}): Open Example copies the puzzle, the panel takes the focus, code + stack + queues + console fit at 1600x1000 and in Presentation Mode at 1280x720`, shot(`picture-${theme}`, async () => {
    await wb?.close();
    wb = await openWorkbench({ workspace, extensionDevelopmentPath: REPO_ROOT, viewport: { width: 1600, height: 1000 }, settings: { 'workbench.colorTheme': colorTheme } });
    const { page } = wb;
    // Open Example lists the classic puzzle first and copies it into the workspace
    await runCommand(page, 'Loopscope: Open Example...');
    const first = page.locator('.quick-input-widget .monaco-list-row').first();
    await first.waitFor();
    assert.match(await first.innerText(), /event-loop-puzzle\.js/, 'the classic puzzle comes first');
    await page.keyboard.press('Enter');
    const frame = await frameShowing(page, 'event-loop-puzzle.js');
    const entry = await frame.locator('.ls-entry').getAttribute('title');
    assert.equal(entry, join(workspace, 'loopscope-examples', 'event-loop-puzzle.js'), 'the trace is of the copy in the workspace, not the installed example');
    assert.ok(existsSync(entry));
    assert.equal(readFileSync(entry, 'utf8'), readFileSync(join(REPO_ROOT, 'examples', 'event-loop-puzzle.js'), 'utf8'));
    await frame.locator('.ls-counter').waitFor();
    // one step per event: the classic puzzle takes at most 30 steps
    const total = Number(/\/ (\d+)/.exec(await frame.locator('.ls-counter').innerText())?.[1]);
    assert.ok(total > 10 && total <= 30, `the puzzle takes ${total} steps`);
    // the panel has the focus: → steps it, with no click first
    await frame.locator('.ls-counter', { hasText: /^Step 1 \// }).waitFor();
    await page.keyboard.press('ArrowRight');
    await frame.locator('.ls-counter', { hasText: /^Step 2 \// }).waitFor({ timeout: 5000 });
    // the Output channel stays closed, and no timing lines anywhere
    assert.equal(await page.locator('.part.panel .output-view, .part.panel [id="workbench.panel.output"]').first().isVisible().catch(() => false), false, 'the Output panel is not open');
    assert.doesNotMatch(await page.locator('.monaco-workbench').innerText(), /\[timing/);
    // step to the nextTick callback printing: a callback on the stack, its line highlighted, queues holding work
    for (let i = 0; i < 30; i++) {
      if (/prints "nextTick"/.test(await frame.locator('.ls-step-text').innerText())) break;
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(60);
    }
    await frame.locator('.ls-step-text', { hasText: 'prints "nextTick"' }).waitFor({ timeout: 5000 });
    assert.match(await frame.locator('.ls-card-stack').innerText(), /nextTick/, 'the running callback is on the stack');
    assert.doesNotMatch(await frame.locator('.ls-card[data-queue="nextTick"]').innerText(), /process\.nextTick/, 'and no longer in its queue');
    assert.match(await frame.locator('.ls-code-current').innerText(), /console\.log\('nextTick'\)/);
    // the editor note numbers the step as the panel does
    const shownStep = await currentStep(frame);
    let notes = [];
    for (let i = 0; i < 50 && !notes.some((n) => n.includes(`step ${shownStep}/${total}`)); i++) {
      await page.waitForTimeout(100);
      notes = await inlineNotes(page);
    }
    assert.ok(notes.some((n) => n.includes(`step ${shownStep}/${total}`)), `the editor note says step ${shownStep}/${total}: ${notes.join(' | ')}`);
    assert.deepEqual(await notOnScreen(frame), []);
    await screenshot(page, `picture-1600x1000-${theme}.png`);

    // Presentation Mode at 1280x720: the panel fills the window, larger, without the exports
    await page.setViewportSize({ width: 1280, height: 720 });
    const before = await frame.locator('.ls-code-current').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    await runCommand(page, 'Loopscope: Toggle Presentation Mode');
    await frame.locator('.ls-app.ls-presenting').waitFor({ timeout: 10_000 });
    await page.waitForTimeout(800);
    const after = await frame.locator('.ls-code-current').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(after >= before * 1.3, `the code is larger in Presentation Mode (${before} -> ${after} px)`);
    assert.equal(await frame.getByRole('button', { name: /Export the trace as JSON/ }).isVisible(), false, 'no export buttons');
    // the panel's group fills the window (the layout changes right after the command)
    let missing = await notOnScreen(frame);
    for (let i = 0; i < 40 && missing.length; i++) {
      await page.waitForTimeout(250);
      missing = await notOnScreen(frame);
    }
    assert.deepEqual(missing, []);
    await screenshot(page, `picture-1280x720-${theme}-presentation.png`);
    await runCommand(page, 'Loopscope: Toggle Presentation Mode');
    await frame.locator('.ls-app:not(.ls-presenting)').waitFor({ timeout: 10_000 });
    // the Explorer Presentation Mode hid is back
    await page.locator('.explorer-folders-view').first().waitFor({ timeout: 10_000 });
    await screenshot(page, `picture-1280x720-${theme}.png`);
    await wb.close();
    wb = undefined;
  }));
}

test('Predict the Output keeps its secret: toggled before tracing, after a re-trace on save, after a window reload', shot('predict-secret', async () => {
  await wb?.close();
  wb = await openWorkbench({ workspace, extensionDevelopmentPath: REPO_ROOT, viewport: { width: 1600, height: 1000 } });
  const { page } = wb;
  const check = async (frame, when) => {
    assert.deepEqual(await futureLinesShown(frame), [], `${when}: the panel shows no line printed after the current step`);
    const future = await frame.evaluate(() => {
      const app = window.loopscope;
      return app.index.output.slice(app.index.outputCountAt(app.step)).map((o) => o.text.trim()).filter(Boolean);
    });
    assert.ok(future.length > 0, `${when}: there is output still to come`);
    assert.deepEqual(await workbenchShows(page, future.filter((t) => t.length > 4)), [], `${when}: the workbench (notifications, Output) shows none of it`);
  };
  // 1. on before the first trace
  await openFile(page, 'predict.js');
  await runCommand(page, 'Loopscope: Toggle Predict the Output');
  await runCommand(page, 'Loopscope: Trace async execution');
  let frame = await frameShowing(page, 'predict.js');
  await frame.locator('.ls-console.ls-predict').waitFor({ timeout: 10_000 });
  await check(frame, 'toggled before tracing');
  // the Output channel, opened by hand, does not have the program's output either
  await runCommand(page, 'Output: Show Output Channels...');
  const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Loopscope' }).first();
  if (await pick.waitFor({ timeout: 5000 }).then(() => true, () => false)) {
    await pick.click();
    await page.locator('.part.panel .view-lines', { hasText: 'Predict the Output is on' }).first().waitFor({ timeout: 15_000 });
    // monaco draws spaces as no-break spaces
    const channel = ((await page.locator('.part.panel .view-lines').first().textContent()) ?? '').replace(/\u00a0/g, ' ');
    assert.match(channel, /Predict the Output is on/, 'the channel says why the output is not there');
    assert.doesNotMatch(channel, /echo-immediate/);
    await screenshot(page, 'predict-output-channel.png');
    await page.keyboard.press('Control+J');
    await page.locator('.part.panel').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
  }
  await focusPanel(page, frame);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await check(frame, 'two steps in');
  await screenshot(page, 'predict-before-tracing.png');

  // 2. a re-trace on save
  await page.locator('.tabs-container .tab', { hasText: /^predict\.js/ }).first().click();
  await runCommand(page, 'Loopscope: Toggle Re-trace on Save');
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n// saved again\n');
  await page.keyboard.press('Control+S');
  await frame.locator('.ls-console.ls-predict').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(3000);
  frame = await frameShowing(page, 'predict.js');
  await check(frame, 'after a re-trace on save');
  await runCommand(page, 'Loopscope: Toggle Re-trace on Save');

  // 3. a window reload
  await page.reload();
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.tab', { hasText: 'Loopscope: predict.js' }).first().click({ timeout: 60_000 });
  frame = await frameShowing(page, 'predict.js');
  await frame.locator('.ls-console.ls-predict').waitFor({ timeout: 30_000 });
  await check(frame, 'after a window reload');
  await screenshot(page, 'predict-after-reload.png');
  await page.locator('.tabs-container .tab', { hasText: /^predict\.js/ }).first().click();
  await runCommand(page, 'Loopscope: Toggle Predict the Output');
  await wb.close();
  wb = undefined;
}));

test('right-click a JavaScript file, Trace async execution, step through the panel', shot('right-click', async () => {
  wb ??= await openWorkbench({ workspace, extensionDevelopmentPath: REPO_ROOT });
  const { page } = wb;
  await openFile(page, 'ordering.js');
  const labels = await editorContextMenu(page);
  assert.ok(labels.includes('Trace async execution'), `context menu has the command: ${labels.join(', ')}`);
  const t0 = Date.now();
  await clickMenuItem(page, 'Trace async execution');
  const frame = panelFrame(page);
  await page.locator('.tab', { hasText: 'Loopscope: ordering.js' }).first().waitFor({ timeout: 60_000 });
  timings.commandToPanelTabMs = Date.now() - t0;
  await frame.locator('.ls-step-text').waitFor({ timeout: 60_000 });
  timings.commandToViewMs = Date.now() - t0;
  await frame.locator('.ls-diagram-box svg text.messageText').first().waitFor({ timeout: 60_000 });
  timings.commandToRenderedPanelMs = Date.now() - t0;
  const durationChip = await frame.locator('.ls-program').innerText();
  timings.programMs = Number(/(\d+) ms/.exec(durationChip)?.[1] ?? NaN);
  await screenshot(page, 'e2e-panel-first-step.png');

  // step forward with the keyboard until the microtask queue holds the promise reaction
  await focusPanel(page, frame);
  let found = false;
  const stepTimes = [];
  for (let i = 0; i < 40 && !found; i++) {
    const before = await currentStep(frame);
    const s = Date.now();
    await page.keyboard.press('ArrowRight');
    await frame.locator('.ls-counter', { hasText: `Step ${before + 1} ` }).waitFor({ timeout: 5000 });
    stepTimes.push(Date.now() - s);
    const microtasks = frame.locator('.ls-card[data-queue="microtask"]');
    found = Number(await microtasks.locator('.ls-count').innerText()) > 0 && (await microtasks.innerText()).includes('promise reaction');
  }
  assert.ok(found, 'the microtask queue shows the queued promise reaction');
  timings.stepLatencyMsMedian = stepTimes.sort((a, b) => a - b)[Math.floor(stepTimes.length / 2)];
  await screenshot(page, 'e2e-panel-microtask-queued.png');

  // the editor highlights the current step's line and notes what happened
  const notes = await inlineNotes(page);
  assert.ok(notes.some((n) => /step \d+\/\d+ ·/.test(n)), `the inline note is shown after the current line: ${notes.join(' | ')}`);
  // the diagram and the console are there
  assert.ok((await frame.locator('.ls-diagram-box svg text.messageText').count()) > 3);
  assert.ok((await frame.locator('.ls-console-lines').innerText()).includes('main: start'));
}));

test('a TypeScript file through the command palette: the panel names .ts lines', shot('typescript', async () => {
  wb ??= await openWorkbench({ workspace, extensionDevelopmentPath: REPO_ROOT });
  const { page } = wb;
  await openFile(page, 'typed.ts');
  const t0 = Date.now();
  await runCommand(page, 'Loopscope: Trace async execution');
  await page.locator('.tab', { hasText: 'Loopscope: typed.ts' }).first().waitFor({ timeout: 60_000 });
  const frame = panelFrame(page);
  await frame.locator('.ls-program', { hasText: 'typed.ts' }).waitFor({ timeout: 60_000 });
  await frame.locator('.ls-diagram-box svg text.messageText').first().waitFor({ timeout: 60_000 });
  timings.secondPanelCommandToRenderedMs = Date.now() - t0;
  timings.secondPanelProgramMs = Number(/(\d+) ms/.exec(await frame.locator('.ls-program').innerText())?.[1] ?? NaN);
  await focusPanel(page, frame);
  await page.keyboard.press('End');
  const text = await frame.locator('.ls-app').innerText();
  assert.match(text, /typed\.ts:(8|12)/, 'sources are lines of the .ts file');
  await screenshot(page, 'e2e-typescript.png');

  // re-trace into the open panel (what re-trace on save does): the panel refreshes in place
  assert.doesNotMatch(await frame.locator('.ls-counter').innerText(), /^Step 1 \//, 'End went to the last step');
  // back to the typed.ts editor (the panel has the focus), and trace it again
  await page.locator('.tabs-container .tab', { hasText: /^typed\.ts/ }).first().click();
  await page.locator('.editor-group-container.active .tab.active', { hasText: /^typed\.ts/ }).waitFor({ timeout: 10_000 });
  const t1 = Date.now();
  await runCommand(page, 'Loopscope: Trace async execution');
  // a fresh trace of typed.ts starts at its first step, in the same panel
  await frame.locator('.ls-counter', { hasText: /^Step 1 \// }).waitFor({ timeout: 60_000 });
  assert.match(await frame.locator('.ls-program').innerText(), /typed\.ts/);
  assert.equal(await page.locator('.tab', { hasText: 'Loopscope: typed.ts' }).count(), 1, 'refreshed in place, not a second panel');
  await frame.locator('.ls-diagram-box svg text.messageText').first().waitFor({ timeout: 60_000 });
  timings.retraceCommandToRenderedMs = Date.now() - t1;
}));

test('teaching: a bundled example in one click, predict the output, presentation mode, and a window reload', shot('teaching', async () => {
  wb ??= await openWorkbench({ workspace, extensionDevelopmentPath: REPO_ROOT });
  const { page } = wb;
  const frame = await openExample(page, 'two-coroutines.mjs');
  // the chapter's picture: two coroutines handing control to the event loop and back
  await frame.locator('.ls-diagram-box svg text.messageText').first().waitFor({ timeout: 60_000 });
  const participants = (await frame.locator('.ls-diagram-box svg').first().textContent()) ?? '';
  assert.match(participants, /worker#1/);
  assert.match(participants, /worker#2/);
  assert.match(participants, /event loop/);
  await screenshot(page, 'e2e-example-two-coroutines.png');

  // predict the output: future output hidden, and before a print the panel asks what comes next
  await page.locator('.tabs-container .tab', { hasText: /^two-coroutines\.mjs/ }).first().click();
  await runCommand(page, 'Loopscope: Toggle Predict the Output');
  await frame.locator('.ls-console.ls-predict').waitFor({ timeout: 10_000 });
  await focusPanel(page, frame);
  await page.keyboard.press('Home');
  let asked = false;
  for (let i = 0; i < 30 && !asked; i++) {
    asked = await frame.locator('.ls-asking .ls-ask').isVisible();
    if (!asked) await page.keyboard.press('ArrowRight');
  }
  assert.ok(asked, 'the panel asks "what prints next?" before a print');
  await screenshot(page, 'e2e-predict.png');
  await page.locator('.tabs-container .tab', { hasText: /^two-coroutines\.mjs/ }).first().click();
  await runCommand(page, 'Loopscope: Toggle Predict the Output');

  // presentation mode enlarges the panel
  const before = await frame.locator('.ls-step-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  await runCommand(page, 'Loopscope: Toggle Presentation Mode');
  await frame.locator('.ls-step-text').evaluate(
    (el, size) => new Promise((resolve) => { const check = () => (parseFloat(getComputedStyle(el).fontSize) > size * 1.3 ? resolve() : setTimeout(check, 50)); check(); }),
    before,
  );
  await screenshot(page, 'e2e-presentation.png');
  // the panel has the window: no side bar, and its group is the first; the other groups (earlier tests left editors
  // and another panel in two of them) keep only their least width
  await page.waitForFunction(() => {
    const explorer = document.querySelector('.explorer-folders-view');
    const groups = [...document.querySelectorAll('.editor-group-container')];
    const own = groups.find((g) => g.querySelector('.tab.active')?.textContent?.includes('Loopscope: two-coroutines.mjs'));
    const others = groups.filter((g) => g !== own);
    return own === groups[0] && others.every((g) => g.getBoundingClientRect().width <= 260) && !explorer?.checkVisibility();
  }, undefined, { timeout: 15_000 });
  await runCommand(page, 'Loopscope: Toggle Presentation Mode');
  // the layout comes back (after the command returns): the program's own editor is in view again
  await page.locator('.tabs-container .tab', { hasText: /^two-coroutines\.mjs/ }).first().waitFor({ state: 'visible', timeout: 15_000 });

  // a window reload at once restores the panel and its trace, and the program's editor stays in view (the layout is
  // never a hidden state the browser workbench might store late)
  await page.reload();
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.tabs-container .tab', { hasText: /^two-coroutines\.mjs/ }).first().waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.tab', { hasText: 'Loopscope: two-coroutines.mjs' }).first().click({ timeout: 60_000 });
  await frameShowing(page, 'two-coroutines.mjs');
  await screenshot(page, 'e2e-after-reload.png');
}));

test('several event loops: the bundled CSP example shows its loops, one at a time, and the messages between them', shot('loops', async () => {
  wb ??= await openWorkbench({ workspace, extensionDevelopmentPath: REPO_ROOT });
  const { page } = wb;
  const frame = await openExample(page, 'csp-channel.mjs');
  // the event-loop view names the loop it shows and offers the others
  await frame.locator('.ls-loop-pick').waitFor({ timeout: 60_000 });
  const loops = await frame.locator('.ls-loop-pick option').allTextContents();
  assert.equal(loops.filter((l) => /^worker \d/.test(l)).length, 2, `two workers to choose from: ${loops.join(', ')}`);
  await focusPanel(page, frame);
  // step until a worker's step: the view follows it to that worker's loop
  let onWorker = false;
  for (let i = 0; i < 300 && !onWorker; i++) {
    await page.keyboard.press('ArrowRight');
    onWorker = /worker \d/.test((await frame.locator('.ls-loop-name').textContent()) ?? '');
  }
  assert.ok(onWorker, 'a step on a worker shows that worker\'s loop');
  assert.match((await frame.locator('.ls-task-line').textContent()) ?? '', /worker \d/);
  await screenshot(page, 'e2e-loops-worker.png');
  // the sequence diagram: one box per loop, the messages between them as arrows
  await frame.getByRole('tab', { name: 'Sequence diagram' }).click();
  await frame.locator('.ls-diagram-box svg text.messageText').first().waitFor({ timeout: 60_000 });
  const text = (await frame.locator('.ls-diagram-box svg').first().textContent()) ?? '';
  assert.match(text, /worker 2/);
  assert.match(text, /worker 3/);
  assert.match(text, /postMessage/);
  await screenshot(page, 'e2e-loops-diagram.png');
  // the timeline: each loop's lanes, the messages as arrows; a worker's lanes fold into one
  await frame.getByRole('tab', { name: 'Timeline' }).click();
  const canvas = frame.locator('.ls-tl-canvas');
  await canvas.waitFor({ timeout: 30_000 });
  const lanes = Number(await canvas.getAttribute('data-lanes'));
  const fold = frame.locator('.ls-tl-loop', { hasText: /worker \d/ }).first();
  await fold.click();
  assert.equal(await fold.getAttribute('aria-expanded'), 'false');
  assert.ok(Number(await canvas.getAttribute('data-lanes')) < lanes, 'folding a worker leaves fewer lanes');
  assert.ok(Number(await canvas.getAttribute('data-messages')) > 0, 'the messages are drawn as arrows');
  await screenshot(page, 'e2e-loops-timeline-folded.png');
  await fold.click();
  await frame.getByRole('tab', { name: 'Event loop' }).click();
}));

test('a race across an await: the Problems panel and the panel show it', shot('race', async () => {
  wb ??= await openWorkbench({ workspace, extensionDevelopmentPath: REPO_ROOT });
  const { page } = wb;
  await openFile(page, 'race.js');
  await editorContextMenu(page);
  await clickMenuItem(page, 'Trace async execution');
  const frame = await frameShowing(page, 'race.js');
  await frame.locator('.ls-findings', { hasText: 'lost update' }).waitFor({ timeout: 60_000 });
  await frame.locator('.ls-diagram-box svg', { hasText: 'lost update on visits' }).waitFor({ timeout: 60_000 });
  // the Problems panel lists it on the stale write
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel', { hasText: 'Lost update on visits' }).first().waitFor({ timeout: 30_000 });
  // the finding names the coroutines, and its quick action shows the stale write (line 8) in the panel's code view,
  // inside the step that resumed the coroutine
  await page.locator('.markers-panel', { hasText: 'visit#2 read it at line 6' }).first().waitFor({ timeout: 10_000 });
  // the marker's quick fixes are asked of the extension when the row has the focus; a key pressed before they came
  // back shows nothing (seen once in CI): ask again, as a person would
  const quickAction = page.getByText('Show this in the Loopscope panel', { exact: true }).last();
  for (let attempt = 1; ; attempt++) {
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'Lost update on visits' }).first().click();
    await page.keyboard.press('Control+.');
    if (await quickAction.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
    if (attempt === 4) {
      await screenshot(page, 'e2e-race-no-quick-action.png');
      throw new Error('the Problems panel offered no "Show this in the Loopscope panel" after four tries');
    }
    await page.keyboard.press('Escape');
  }
  await quickAction.click({ timeout: 10_000 });
  await frame.locator('.ls-code-file', { hasText: 'race.js:8' }).waitFor({ timeout: 10_000 });
  await frame.locator('.ls-code-current', { hasText: 'visits = seen + 1' }).waitFor({ timeout: 10_000 });
  const goToStaleWrite = frame.getByRole('button', { name: /Go to the stale write/ });
  await restMouseOn(page, goToStaleWrite);
  await goToStaleWrite.click();
  await screenshot(page, 'e2e-race-finding.png');
}));

test('in Restricted Mode the command explains why it runs nothing', shot('restricted', async () => {
  await wb?.close();
  // workspace trust on, and no prompt: the folder opens in Restricted Mode, as a user who declined would have it
  wb = await openWorkbench({
    workspace,
    extensionDevelopmentPath: REPO_ROOT,
    workspaceTrust: true,
    settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false },
  });
  const { page } = wb;
  await page.locator('.statusbar-item', { hasText: /Restricted Mode/i }).first().waitFor({ timeout: 30_000 });
  await openFile(page, 'forever.js');
  await editorContextMenu(page);
  await clickMenuItem(page, 'Trace async execution');
  // VS Code may show it as a toast or file it straight into the notification centre: look in both
  const explained = page.locator('.notification-toast-container, .notifications-center', { hasText: 'only works in a trusted workspace' }).first();
  const shown = await explained.waitFor({ timeout: 15_000 }).then(() => true, () => false);
  if (!shown) {
    await screenshot(page, 'e2e-restricted-mode-no-message-yet.png');
    await runCommand(page, 'Notifications: Show Notifications');
    await explained.waitFor({ timeout: 30_000 });
  }
  await page.locator('.notification-toast-container, .notifications-center', { hasText: 'Manage Workspace Trust' }).first().waitFor();
  await screenshot(page, 'e2e-restricted-mode.png');
  assert.equal(await page.locator('.tab', { hasText: 'Loopscope:' }).count(), 0, 'no panel, nothing ran');
  await wb.close();
  wb = undefined;
}));

test('the packaged .vsix installs into code-server and traces', shot('vsix', async () => {
  await wb?.close();
  wb = undefined;
  const pack = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(pack.status, 0, pack.stderr);
  const vsix = readdirSync(join(REPO_ROOT, 'out')).find((f) => f.endsWith('.vsix'));
  const extensionsDir = mkdtempSync(join(tmpdir(), 'loopscope-vsix-ext-'));
  const install = spawnSync(codeServerPath(), ['--extensions-dir', extensionsDir, '--install-extension', join(REPO_ROOT, 'out', vsix)], { encoding: 'utf8', env: { ...process.env, VSCODE_IPC_HOOK_CLI: '' } });
  assert.equal(install.status, 0, install.stderr + install.stdout);
  wb = await openWorkbench({ workspace, extensionsDir });
  const { page } = wb;
  await openFile(page, 'typed.ts');
  await editorContextMenu(page);
  await clickMenuItem(page, 'Trace async execution');
  const frame = panelFrame(page);
  await frame.locator('.ls-diagram-box svg text.messageText').first().waitFor({ timeout: 60_000 });
  await screenshot(page, 'e2e-vsix.png');
}));
