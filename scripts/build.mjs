// Builds one bundle per runtime: the tracer (inside the user's Node), the CLI, the extension host, the webview.
import { build } from 'esbuild';
import { writeFileSync, mkdirSync, copyFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: production ? false : 'linked', logLevel: 'warning', legalComments: 'none' };
const node = { ...common, platform: 'node', target: 'node20', external: ['esbuild', 'vscode'] };

mkdirSync('dist/tracer', { recursive: true });
await Promise.all([
  build({ ...node, entryPoints: ['src/tracer/preload.ts'], outfile: 'dist/tracer/preload.cjs', format: 'cjs' }),
  build({
    ...node,
    entryPoints: ['src/tracer/esm-hooks.ts'],
    outfile: 'dist/tracer/esm-hooks.mjs',
    format: 'esm',
    banner: { js: "import { createRequire as __lsCreateRequire } from 'node:module'; const require = __lsCreateRequire(import.meta.url);" },
  }),
  build({ ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.cjs', format: 'cjs', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.cjs', format: 'cjs' }),
  // The viewer (HTML report and VS Code panel): browser code with mermaid inside, one file the report can inline.
  build({ ...common, sourcemap: false, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022', minify: true }),
]);
// mermaid as its own script, loaded after the viewer: its official browser build defines window.mermaid.
copyFileSync('node_modules/mermaid/dist/mermaid.min.js', 'dist/mermaid.js');
// An empty module: `--import` of it puts a TypeScript ES module entry into Node's ESM loader on every Node version.
writeFileSync('dist/tracer/esm-entry.mjs', '// intentionally empty\n');
