// Throwaway fixture extension for test/vscode/selftest.mjs: one command that opens a webview
// panel with a strict CSP and a nonce. Plain CommonJS, no build step.
'use strict';
const vscode = require('vscode');
const crypto = require('crypto');

/** @type {vscode.WebviewPanel | undefined} */
let panel;

function html(webview) {
  const nonce = crypto.randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">h1 { color: var(--vscode-textLink-foreground); }</style>
</head>
<body>
<h1 id="hello">Hello</h1>
<p id="status">waiting</p>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  document.getElementById('status').textContent = 'script ran';
  vscode.postMessage({ type: 'ready' });
</script>
</body>
</html>`;
}

function activate(context) {
  let readyCount = 0;
  context.subscriptions.push(
    vscode.commands.registerCommand('loopscopeFixture.hello', () => {
      if (panel) {
        panel.reveal();
      } else {
        panel = vscode.window.createWebviewPanel('loopscopeFixture.hello', 'Sample Hello', vscode.ViewColumn.Beside, {
          enableScripts: true,
          localResourceRoots: [],
        });
        panel.webview.onDidReceiveMessage((m) => {
          if (m && m.type === 'ready') readyCount++;
        });
        panel.onDidDispose(() => { panel = undefined; });
        panel.webview.html = html(panel.webview);
      }
      return 'hello';
    }),
  );
  // API for the integration test (exports of activate are what getExtension(...).exports returns)
  return {
    hasPanel: () => panel !== undefined,
    readyCount: () => readyCount,
  };
}

function deactivate() {}

module.exports = { activate, deactivate };
