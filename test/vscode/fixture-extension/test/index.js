// Integration test module for the fixture extension. Same contract as @vscode/test-electron:
// export run(): Promise<void>; resolve = pass, reject = fail. Runs inside the extension host.
'use strict';
const assert = require('assert');
const vscode = require('vscode');

async function waitFor(fn, what, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function run() {
  console.log('[fixture test] node', process.version, 'vscode', vscode.version);
  if (process.env.LOOPSCOPE_FIXTURE_FAIL) {
    throw new Error('deliberate failure (LOOPSCOPE_FIXTURE_FAIL is set)');
  }

  const ext = vscode.extensions.getExtension('loopscope-test.loopscope-vscode-fixture');
  assert.ok(ext, 'fixture extension is loaded as the development extension');

  // Commands contributed in package.json activate the extension on first use ("onCommand" is implicit);
  // getCommands lists only commands that are registered, so activate first, as a user's first use would.
  const contributed = ext.packageJSON.contributes.commands.map((c) => c.command);
  assert.ok(contributed.includes('loopscopeFixture.hello'), 'package.json contributes loopscopeFixture.hello');
  await ext.activate();
  const commands = await vscode.commands.getCommands(true);
  assert.ok(commands.includes('loopscopeFixture.hello'), 'command loopscopeFixture.hello is registered');

  const folders = vscode.workspace.workspaceFolders || [];
  assert.strictEqual(folders.length, 1, 'one workspace folder is open');
  const files = await vscode.workspace.findFiles('*.js');
  assert.ok(files.some((f) => f.path.endsWith('/sample.js')), 'sample.js is in the workspace');

  const doc = await vscode.workspace.openTextDocument(files.find((f) => f.path.endsWith('/sample.js')));
  await vscode.window.showTextDocument(doc);
  assert.strictEqual(doc.languageId, 'javascript');

  const result = await vscode.commands.executeCommand('loopscopeFixture.hello');
  assert.strictEqual(result, 'hello', 'command returns "hello"');
  assert.ok(ext.isActive, 'extension is active');
  assert.ok(ext.exports.hasPanel(), 'the command opened a webview panel');
  // The webview's script posts "ready" once it ran under the CSP: proves nonce + acquireVsCodeApi work.
  await waitFor(() => ext.exports.readyCount() > 0, 'the webview script to post "ready"');
  console.log('[fixture test] all assertions passed');
}

module.exports = { run };
