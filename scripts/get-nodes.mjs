// Fetch the official Node.js binaries for the majors Loopscope is tested on,
// from the npm registry (the `node` package ships the official binary).
// Usage: node scripts/get-nodes.mjs
// Installs into <repo>/.cache/nodes/nodeMAJOR and prints one line per major.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAJORS = [20, 22, 24];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let failed = false;
for (const major of MAJORS) {
  const prefix = join(root, '.cache', 'nodes', `node${major}`);
  const bin = join(prefix, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bin)) {
    mkdirSync(prefix, { recursive: true });
    const args = ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--prefer-offline', `node@${major}`];
    // npm's cache first (also for the nested install the node package runs, through the environment); a registry
    // download that hangs is stopped and tried again rather than holding CI until its time runs out
    const env = { ...process.env, npm_config_prefer_offline: 'true', npm_config_fetch_timeout: '60000', npm_config_fetch_retries: '4' };
    let r;
    for (let attempt = 1; attempt <= 3; attempt++) {
      r = spawnSync(npm, args, { stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32', env, timeout: 240_000, killSignal: 'SIGKILL' });
      if (!r.error && r.status === 0 && existsSync(bin)) break;
      console.error(`get-nodes: node@${major}, attempt ${attempt} did not finish (${r.error ? r.error.message : `exit ${r.status}`})${attempt < 3 ? '; trying again' : ''}`);
    }
    if (r.error || r.status !== 0 || !existsSync(bin)) {
      const why = r.error
        ? r.error.message
        : r.status !== 0
          ? `npm exited with ${r.status}`
          : `npm succeeded but ${relative(root, bin)} is missing: the node package installs its binary in a preinstall script, so install scripts must be allowed`;
      console.error(`get-nodes: failed to install node@${major} (${why}); command: npm ${args.join(' ')}`);
      failed = true;
      continue;
    }
  }
  const v = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) {
    console.error(`get-nodes: installed node@${major} at ${bin} but it does not run: ${v.error ? v.error.message : v.stderr}`);
    failed = true;
    continue;
  }
  console.log(`node ${major}: ${relative(root, bin)} ${v.stdout.trim()}`);
}
if (failed) {
  console.error('get-nodes: one or more Node versions could not be installed');
  process.exit(1);
}
