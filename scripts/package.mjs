// `npm run package`: the .vsix for linux-x64 (esbuild's binary for that platform is inside), built offline, then a
// check that it holds no sources, tests or source maps, and its size.
import { spawnSync } from 'node:child_process';
import { statSync, readFileSync, mkdirSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `out/${pkg.name}-${pkg.version}-linux-x64.vsix`;
mkdirSync('out', { recursive: true });
const r = spawnSync('npx', ['vsce', 'package', '--target', 'linux-x64', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
const list = spawnSync('unzip', ['-Z1', out], { encoding: 'utf8' });
if (list.status !== 0) {
  console.error('could not list the .vsix (is unzip installed?)');
  process.exit(1);
}
const files = list.stdout.trim().split('\n');
const bad = files.filter((f) => /\.map$|\/src\/|\/test\/|\.ts$/.test(f) && !/\.d\.ts$/.test(f));
if (bad.length) {
  console.error(`the .vsix holds files it must not:\n${bad.join('\n')}`);
  process.exit(1);
}
console.log(`${out}: ${(statSync(out).size / 1024 / 1024).toFixed(2)} MB, ${files.length} files, no sources, tests or maps`);
