// Self-test of the VS Code harness (test/vscode/harness.mjs) with the throwaway fixture extension.
// Needs `bash scripts/setup-vscode.sh` first. Run: node test/vscode/selftest.mjs
//   1. integration test inside the extension host passes (exit 0)
//   2. a deliberately failing run() gives a non-zero exit code
//   3. end to end: open sample.js, right-click, "Sample: Hello", read the webview, screenshot
//   4. the same command from the Command Palette
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import * as h from './harness.mjs';

const HERE = import.meta.dirname;
const ext = join(HERE, 'fixture-extension');
const tests = join(ext, 'test', 'index.js');
const workspace = join(HERE, 'fixture-workspace');

h.codeServerPath(); // fails early with "run scripts/setup-vscode.sh" when code-server is missing

test('integration test in the extension host passes', { timeout: 180_000 }, async () => {
  const code = await h.runExtensionTests({ extensionDevelopmentPath: ext, extensionTestsPath: tests, workspace, timeoutMs: 150_000 });
  assert.equal(code, 0);
});

test('a failing run() gives a non-zero exit code', { timeout: 180_000 }, async () => {
  const code = await h.runExtensionTests({
    extensionDevelopmentPath: ext, extensionTestsPath: tests, workspace, timeoutMs: 150_000,
    env: { LOOPSCOPE_FIXTURE_FAIL: '1' }, // reaches the extension host through code-server's environment
    screenshotOnFailure: join(h.OUT_DIR, 'selftest-expected-failure.png'),
  });
  assert.notEqual(code, 0);
  assert.equal(code, 1, 'a rejected run() exits with 1 (2 would mean the harness timed out)');
});

test('end to end: context menu opens the webview panel', { timeout: 180_000 }, async () => {
  const t0 = Date.now();
  const wb = await h.openWorkbench({ workspace, extensionDevelopmentPath: ext });
  const { page } = wb;
  try {
    console.log(`# workbench ready after ${Date.now() - t0} ms`);
    await h.openFile(page, 'sample.js');
    const labels = await h.editorContextMenu(page);
    assert.ok(labels.includes('Sample: Hello'), `context menu has "Sample: Hello": ${labels.join(', ')}`);
    assert.ok(labels.includes('Cut'), 'it is the real editor context menu');
    await h.clickMenuItem(page, 'Sample: Hello');
    const frame = h.webviewFrame(page);
    await frame.locator('#hello', { hasText: 'Hello' }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('#hello').innerText(), 'Hello');
    // the webview's inline script ran under the CSP (nonce) and changed the DOM
    await frame.locator('#status', { hasText: 'script ran' }).waitFor({ timeout: 10_000 });
    const shot = await h.screenshot(page, 'selftest.png');
    console.log(`# screenshot ${shot}; e2e took ${Date.now() - t0} ms`);

    // the same command from the Command Palette, after closing the panel
    await h.runCommand(page, 'View: Close All Editors');
    await page.locator('iframe.webview.ready').waitFor({ state: 'detached', timeout: 15_000 });
    await h.runCommand(page, 'Sample: Hello');
    await h.webviewFrame(page).locator('#hello', { hasText: 'Hello' }).waitFor({ timeout: 30_000 });
  } catch (e) {
    await h.screenshot(page, 'selftest-failure.png').catch(() => {});
    throw e;
  } finally {
    await wb.close();
  }
});
