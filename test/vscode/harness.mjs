// Run a VS Code extension inside a real VS Code, offline: code-server (the VS Code server and
// workbench, with the real Node extension host) driven in Debian's Chromium by playwright-core.
//
//   - runExtensionTests(): integration tests inside the extension host, with a test module exporting
//     `run(): Promise<void>` (the @vscode/test-electron contract). Returns the exit code (0 = pass).
//   - openWorkbench() + helpers: end-to-end tests that drive the UI as a person would.
//
// Needs: scripts/setup-vscode.sh (installs Chromium, Node 24 and code-server 4.139.1 into .cache/),
// and playwright-core (a devDependency). See test/vscode/README.md.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(HERE, '..', '..');
export const CODE_SERVER_VERSION = '4.139.1';
export const OUT_DIR = join(HERE, 'out');
const VERBOSE = !!process.env.LOOPSCOPE_VSCODE_VERBOSE;

/** Path of the code-server launcher written by scripts/setup-vscode.sh (runs it on Node 24). */
export function codeServerPath() {
  const p = process.env.LOOPSCOPE_CODE_SERVER
    || join(process.env.LOOPSCOPE_CACHE || join(REPO_ROOT, '.cache'), `code-server-${CODE_SERVER_VERSION}`, 'code-server');
  if (!existsSync(p)) {
    throw new Error(`code-server not found at ${p}: run \`bash scripts/setup-vscode.sh\` first (or set LOOPSCOPE_CODE_SERVER)`);
  }
  return p;
}

export const CHROMIUM_PATH = process.env.LOOPSCOPE_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

// ------------------------------------------------------------------------------------------------
// Every server we start is killed (whole process group) if this process exits without stop().
// (Nothing can be done when this process is SIGKILLed: then `kill -- -PGID` by hand; PGID = server.pid.)
const liveGroups = new Map(); // pid (= process group id) -> temp dir
function killGroup(pid, signal) {
  try { process.kill(-pid, signal); } catch { /* already gone */ }
}
function killAll() {
  for (const [pid, tmp] of liveGroups) {
    killGroup(pid, 'SIGKILL');
    if (!process.env.LOOPSCOPE_VSCODE_KEEP) try { rmSync(tmp, { recursive: true, force: true }); } catch { /* best effort */ }
  }
  liveGroups.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    killAll();
    process.kill(process.pid, sig); // our listener is gone now: the default action ends the process
  });
}

/** User settings for a quiet, offline, deterministic workbench. */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'window.restoreWindows': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

// Workbench log lines that are noise on an offline machine; LOOPSCOPE_VSCODE_VERBOSE=1 shows them.
const NOISE = [
  /\[AgentHost/, /\[ChatModelSelection\]/, /\[AccountPolicyGate\]/, /open-vsx\.org/, /ENOTFOUND/,
  /Creating a socket/, /Resolv(ing|ed) connection token/, /\[Service Worker\]/,
  /reconnection-grace-time/, /^Canceled: Canceled/, /Updating additional builtin extensions cache/,
];

function log(...args) { console.log('[vscode-harness]', ...args); }

/**
 * Start code-server on 127.0.0.1 and wait until it listens.
 * @param {object} o
 * @param {string} o.workspace folder to open
 * @param {string} [o.extensionDevelopmentPath] only used to check the path exists (the payload loads it)
 * @param {string} [o.userDataDir] default: a fresh temp dir (removed on stop)
 * @param {string} [o.extensionsDir] default: a fresh temp dir (removed on stop)
 * @param {number} [o.port] default: 0 (code-server picks a free port, we read it from its log)
 * @param {Record<string,string>} [o.env] extra environment (reaches the extension host)
 * @param {Record<string,unknown>} [o.settings] user settings merged over DEFAULT_SETTINGS
 * @param {string[]} [o.extraArgs] more code-server flags
 * @param {number} [o.timeoutMs] default 60000
 * @returns {Promise<{url: string, port: number, pid: number, logFile: string, output: () => string, stop: () => Promise<void>}>}
 */
export async function startCodeServer(o) {
  const exe = codeServerPath();
  const workspace = resolve(o.workspace);
  if (!existsSync(workspace)) throw new Error(`workspace not found: ${workspace}`);
  if (o.extensionDevelopmentPath && !existsSync(join(o.extensionDevelopmentPath, 'package.json'))) {
    throw new Error(`no package.json in extensionDevelopmentPath ${o.extensionDevelopmentPath}`);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'loopscope-cs-'));
  const userDataDir = o.userDataDir ? resolve(o.userDataDir) : join(tmp, 'user-data');
  const extensionsDir = o.extensionsDir ? resolve(o.extensionsDir) : join(tmp, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  // User settings live on the server: <user-data-dir>/User/settings.json. Only written when absent.
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  if (!existsSync(settingsFile)) {
    mkdirSync(dirname(settingsFile), { recursive: true });
    writeFileSync(settingsFile, JSON.stringify({ ...DEFAULT_SETTINGS, ...(o.settings || {}) }, null, 2));
  }
  // A config file of our own, so code-server neither reads nor writes ~/.config/code-server/config.yaml.
  const config = join(tmp, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  const args = [
    '--config', config,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${o.port ?? 0}`,
    '--disable-telemetry', '--disable-update-check',
    // workspace trust off unless a test wants to see Restricted Mode
    ...(o.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    // Without it a built VS Code ignores the URL's payload: no development extension, no tests.
    '--vscode-option', 'enable-smoke-test-driver',
    ...(o.extraArgs || []),
    workspace,
  ];
  const logFile = join(tmp, 'code-server.log');
  const logStream = createWriteStream(logFile);
  const child = spawn(exe, args, {
    detached: true, // own process group: stop() kills code-server, the extension host, pty host, ...
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, VSCODE_IPC_HOOK_CLI: '', XDG_CONFIG_HOME: join(tmp, 'xdg-config'), ...(o.env || {}) },
  });
  liveGroups.set(child.pid, tmp);
  let output = '';
  let exited = null;
  const exitPromise = new Promise((res) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal }; // its group (extension host, ...) may live on: stop() or exit kills it
      res();
    });
    child.on('error', (error) => { exited = { error: error.message }; res(); });
  });
  const onData = (d) => {
    const s = d.toString();
    output += s;
    logStream.write(s);
    if (VERBOSE) process.stdout.write(`[code-server] ${s}`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  // stop({ keepLog: true }) keeps the temp dir's code-server.log (for a failed run); the rest of the temp
  // dir is always removed unless LOOPSCOPE_VSCODE_KEEP is set.
  const stop = async ({ keepLog = false } = {}) => {
    if (!exited) {
      killGroup(child.pid, 'SIGTERM');
      const t = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(t);
    }
    killGroup(child.pid, 'SIGKILL'); // stragglers of the group
    liveGroups.delete(child.pid);
    await new Promise((res) => logStream.end(res));
    if (process.env.LOOPSCOPE_VSCODE_KEEP) return;
    if (keepLog) {
      for (const p of [join(tmp, 'user-data'), join(tmp, 'extensions'), join(tmp, 'xdg-config'), config]) {
        rmSync(p, { recursive: true, force: true });
      }
    } else {
      rmSync(tmp, { recursive: true, force: true });
    }
  };

  const timeoutMs = o.timeoutMs ?? 60000;
  const started = Date.now();
  const url = await new Promise((res, rej) => {
    const check = () => {
      const m = /HTTP server listening on (http:\/\/[^\s]+)/.exec(output);
      if (m) return res(m[1].replace(/\/?$/, '/'));
      if (exited) return rej(new Error(`code-server exited (${JSON.stringify(exited)}) before listening:\n${output}`));
      if (Date.now() - started > timeoutMs) return rej(new Error(`code-server did not listen within ${timeoutMs} ms:\n${output}`));
      setTimeout(check, 50);
    };
    check();
  }).catch(async (e) => { await stop(); throw e; });
  const port = Number(new URL(url).port);
  if (VERBOSE) log(`code-server listening on ${url} after ${Date.now() - started} ms (log: ${logFile})`);
  return { url, port, pid: child.pid, logFile, output: () => output, stop };
}

/** Debian's Chromium, headless, driven by playwright-core. */
export async function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/** `vscode-remote://127.0.0.1:PORT/abs/path` for a local path (the server is the "remote"). */
export function remoteUri(server, path) {
  return `vscode-remote://127.0.0.1:${server.port}${pathToFileURL(resolve(path)).pathname}`;
}

/** Workbench URL for a folder with a payload (extension under development, tests, ...). */
export function workbenchUrl(server, { workspace, extensionDevelopmentPath, extensionTestsPath, payload = [] }) {
  const p = [];
  if (extensionDevelopmentPath) p.push(['extensionDevelopmentPath', remoteUri(server, extensionDevelopmentPath)]);
  if (extensionTestsPath) p.push(['extensionTestsPath', remoteUri(server, extensionTestsPath)]);
  p.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true'], ...payload);
  return `${server.url}?folder=${encodeURIComponent(resolve(workspace))}&payload=${encodeURIComponent(JSON.stringify(p))}`;
}

// codeAutomationLog(type, args) receives the workbench's log, which includes the extension host's
// console output (console.log in run() shows up here).
function forwardLog(prefix, filter = true) {
  return (type, args) => {
    const fn = { error: console.error, warn: console.warn }[type] || console.log;
    const parts = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
    const text = parts.join(' ');
    if (filter && !VERBOSE) {
      // judge a message by its first line, so a real error keeps its stack trace
      const first = text.split('\n').find((l) => l.trim()) || '';
      if (!first || NOISE.some((re) => re.test(first))) return;
    }
    fn(prefix, text);
  };
}

/**
 * Run an extension's integration tests inside the extension host.
 * @param {object} o
 * @param {string} o.extensionDevelopmentPath folder with the extension's package.json
 * @param {string} o.extensionTestsPath module exporting run(): Promise<void> (a .js file, or a folder with index.js)
 * @param {string} o.workspace folder to open
 * @param {number} [o.timeoutMs] whole run, default 120000
 * @param {Record<string,string>} [o.env] extra environment for the server and the extension host
 * @param {string} [o.screenshotOnFailure] PNG path; default test/vscode/out/<name>-failure.png
 * @returns {Promise<number>} exit code: 0 when run() resolved
 */
export async function runExtensionTests(o) {
  const t0 = Date.now();
  const timeoutMs = o.timeoutMs ?? 120000;
  const server = await startCodeServer({ ...o, timeoutMs: Math.min(60000, timeoutMs) });
  const tServer = Date.now() - t0;
  let browser;
  let page;
  let code;
  try {
    browser = await launchBrowser();
    page = await browser.newPage();
    // called by the workbench when the test run settles: (code, logs); 0 = run() resolved
    let onExit;
    const exited = new Promise((res) => { onExit = res; });
    await page.exposeFunction('codeAutomationExit', (c) => { onExit(Number(c)); });
    await page.exposeFunction('codeAutomationLog', forwardLog('[vscode]'));
    page.on('pageerror', (e) => { if (VERBOSE) console.error('[workbench pageerror]', e.message); });
    if (VERBOSE) page.on('console', (m) => console.log('[workbench console]', m.type(), m.text()));
    await page.goto(workbenchUrl(server, o));
    let timer;
    const timeout = new Promise((res) => { timer = setTimeout(() => res('timeout'), timeoutMs - (Date.now() - t0)); });
    const r = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (r === 'timeout') {
      console.error(`[vscode-harness] tests did not finish within ${timeoutMs} ms; code-server log: ${server.logFile}`);
      code = 2;
    } else {
      code = r;
    }
    if (code !== 0) {
      const shot = o.screenshotOnFailure || join(OUT_DIR, 'run-extension-tests-failure.png');
      mkdirSync(dirname(shot), { recursive: true });
      await page.screenshot({ path: shot }).then(() => log(`screenshot: ${shot}`), () => {});
    }
  } finally {
    await browser?.close().catch(() => {});
    await server.stop({ keepLog: code !== 0 });
  }
  if (code !== 0) log(`code-server log: ${server.logFile}`);
  log(`extension tests exited with ${code} in ${Date.now() - t0} ms (server start ${tServer} ms)`);
  return code;
}

/**
 * Open the workbench with the extension loaded (no tests), for end-to-end UI tests.
 * @param {object} o
 * @param {string} o.workspace
 * @param {string} [o.extensionDevelopmentPath]
 * @param {Record<string,string>} [o.env]
 * @param {{width:number,height:number}} [o.viewport] default 1400x900
 * @returns {Promise<{page: import('playwright-core').Page, server: Awaited<ReturnType<typeof startCodeServer>>, browser: import('playwright-core').Browser, close: () => Promise<void>}>}
 */
export async function openWorkbench(o) {
  const server = await startCodeServer(o);
  let browser;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: o.viewport || { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.exposeFunction('codeAutomationLog', forwardLog('[vscode]'));
    if (VERBOSE) page.on('console', (m) => console.log('[workbench console]', m.type(), m.text()));
    await page.goto(workbenchUrl(server, o));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    // the Explorer shows the folder once the remote connection is up
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });
    const close = async () => {
      await browser.close().catch(() => {});
      await server.stop();
    };
    return { page, server, browser, close };
  } catch (e) {
    await browser?.close().catch(() => {});
    await server.stop();
    throw e;
  }
}

// ------------------------------------------------------------------------------------ UI helpers

/** Quick Open (Ctrl+P) a file by name and wait for its editor tab. */
export async function openFile(page, name, { timeout = 30000 } = {}) {
  await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 }, force: true }).catch(() => {});
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(name);
  // wait until the list shows the file (results arrive asynchronously from the file search)
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab[data-resource-name="${name}"], .tabs-container .tab:has-text("${name}")`).first()
    .waitFor({ timeout });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout });
}

/**
 * Rest the mouse on `target` and wait until no workbench tooltip is showing. A tooltip (say, a tab's file path,
 * there because the mouse last rested on that tab) can cover the top edge of an editor or a panel and take a click.
 */
export async function restMouseOn(page, target) {
  const box = await target.boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('.context-view .hover-contents').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
}

/** Right-click in the active text editor; returns the context menu's item labels. */
export async function editorContextMenu(page, { timeout = 15000 } = {}) {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  await restMouseOn(page, lines);
  await lines.click({ button: 'right', position: { x: 60, y: 10 } });
  const labels = page.locator('.monaco-menu .action-item .action-label');
  await labels.first().waitFor({ timeout });
  return (await labels.allInnerTexts()).map((s) => s.trim()).filter(Boolean);
}

/** Click an entry of the open context menu by its exact label. */
export async function clickMenuItem(page, label, { timeout = 15000 } = {}) {
  const item = page.locator('.monaco-menu .action-item .action-label').filter({ hasText: new RegExp(`^${escapeRe(label)}$`) });
  await item.first().waitFor({ timeout });
  await item.first().click();
}

/** The DOM of the (first ready) webview: iframe.webview.ready > #active-frame. */
export function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
}

/** Run a command from the Command Palette (F1) by its title as shown there. The palette's list is fixed when it
 * opens, so in a workbench that is still registering extension contributions it is closed and opened again. */
export async function runCommand(page, title, { timeout = 30000 } = {}) {
  const end = Date.now() + timeout;
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout });
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ timeout: Math.min(3000, Math.max(500, end - Date.now())) });
      break;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (Date.now() > end) throw err;
    }
  }
  // Enter runs the focused row, which for a moment after typing can still be another command (the list filters
  // asynchronously): wait until the focused row is the one asked for, else click that row.
  const focused = page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).first();
  if (await focused.waitFor({ timeout: 2000 }).then(() => true, () => false)) await page.keyboard.press('Enter');
  else await row.click();
  await input.waitFor({ state: 'hidden', timeout }).catch(() => {});
}

/** Screenshot into test/vscode/out/ (or an absolute path); returns the path. */
export async function screenshot(page, name) {
  const path = name.startsWith('/') ? name : join(OUT_DIR, name.endsWith('.png') ? name : `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path });
  return path;
}

function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }
