// Builds the extension and its integration suite, then runs the suite inside a real VS Code (code-server) through
// the run() contract. Exit code 0 = every test passed. Needs `bash scripts/setup-vscode.sh` once.
import { build } from 'esbuild';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runExtensionTests, REPO_ROOT } from './harness.mjs';

const built = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: REPO_ROOT });
if (built.status !== 0) process.exit(built.status ?? 1);
const suite = join(REPO_ROOT, 'out', 'vscode-suite', 'index.cjs');
await build({
  entryPoints: [join(REPO_ROOT, 'test', 'vscode', 'suite', 'index.ts')],
  outfile: suite,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});
const code = await runExtensionTests({
  extensionDevelopmentPath: REPO_ROOT,
  extensionTestsPath: suite,
  workspace: join(REPO_ROOT, 'test', 'vscode', 'workspace'),
  timeoutMs: 240_000,
});
process.exit(code);
