// `npm test`: everything CI runs, in order. Installs what the tests need on a fresh machine first:
// Node 20/22/24 from the npm registry (scripts/get-nodes.mjs), Debian's Chromium (for diagrams and the panel) and a
// real VS Code (code-server from npm, scripts/setup-vscode.sh) for the integration and end-to-end tests.
// LOOPSCOPE_SKIP_VSCODE=1 leaves out the VS Code part (quicker local runs; CI never sets it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const step = (title, cmd, args, opts = {}) => {
  process.stdout.write(`\n== ${title}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    process.stderr.write(`\n${title}: failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status || 1);
  }
  process.stdout.write(`== ${title}: ok in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
};

// The fast tier first (seconds, nothing to install): the model on recorded runs against its goldens, the unit tests.
step('fast tier: the model on recorded runs, unit tests (vitest --project core)', 'npx', ['vitest', 'run', '--project', 'core']);
if (!existsSync('/usr/bin/chromium')) {
  if (process.getuid?.() === 0) {
    step('install Chromium (Debian)', 'bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null']);
  } else {
    process.stderr.write('The browser tests need Debian\'s Chromium: sudo apt-get install -y chromium\n');
    process.exit(1);
  }
}
step('Node 20, 22 and 24 for the fidelity corpus', process.execPath, ['scripts/get-nodes.mjs']);
step('build', process.execPath, ['scripts/build.mjs']);
step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('typecheck (webview: DOM types, no Node)', 'npx', ['tsc', '--noEmit', '-p', 'webview/tsconfig.json']);
step('typecheck (browser tests)', 'npx', ['tsc', '--noEmit', '-p', 'test/webview/tsconfig.json']);
step('lint', 'npx', ['eslint', 'src', 'webview', 'test', 'scripts', 'bench']);
step('real runs and browser tests (vitest --project runs --project browser)', 'npx', ['vitest', 'run', '--project', 'runs', '--project', 'browser']);
if (process.env.LOOPSCOPE_SKIP_VSCODE === '1') {
  process.stdout.write('\n== VS Code tests skipped (LOOPSCOPE_SKIP_VSCODE=1)\n');
} else {
  step('a real VS Code: code-server from npm (once per machine)', 'bash', ['scripts/setup-vscode.sh']);
  step('the VS Code test harness catches failures (self-test)', process.execPath, ['test/vscode/selftest.mjs']);
  step('VS Code integration tests (inside the extension host)', process.execPath, ['test/vscode/run-integration.mjs']);
  step('VS Code end-to-end tests (as a person would, and the packaged .vsix)', process.execPath, ['--test', 'test/vscode/e2e.mjs']);
}
