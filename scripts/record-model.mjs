// Records the raw events of the corpus programs for the model's golden tier: see test/model/record.ts.
// Usage: node scripts/build.mjs && node scripts/record-model.mjs [name-filter]
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

// bundled into dist/ (build output) so that it finds esbuild in this checkout's node_modules
const out = join('dist', 'record-model.cjs');
try {
  await build({ entryPoints: ['test/model/record.ts'], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['esbuild'], logLevel: 'warning', define: { __dirname: JSON.stringify(join(process.cwd(), 'test', 'model')) } });
  const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(out, { force: true });
}
