// Builds one bundle per runtime: the tracer (inside the user's Node), the CLI, the extension host, the webview.
import { build } from 'esbuild';
import { writeFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: production ? false : 'linked', logLevel: 'warning', legalComments: 'none' };
// The instrumenter's build, part of every key of the persistent cache of instrumented files (src/instrument/cache.ts):
// a hash of what its output depends on, its sources and the exact versions of its dependencies (acorn, astring,
// esbuild, the source map libraries), so a changed instrumenter never reads what an earlier one wrote.
const instrumenterBuild = createHash('sha1');
for (const dir of ['src/instrument', 'src/core']) {
  for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
    if (name.endsWith('.ts')) instrumenterBuild.update(`${dir}/${name}\0`).update(readFileSync(join(dir, name)));
  }
}
instrumenterBuild.update(readFileSync('package-lock.json'));
const node = {
  ...common,
  platform: 'node',
  target: 'node20',
  external: ['esbuild', 'vscode'],
  define: { __LOOPSCOPE_INSTRUMENTER_BUILD__: JSON.stringify(instrumenterBuild.digest('hex').slice(0, 16)) },
};

mkdirSync('dist/tracer', { recursive: true });
await Promise.all([
  // preload.cjs runs on every thread (Node's ES module loader thread, the program's workers) and loads runtime.cjs,
  // the tracer, on the main thread only
  build({ ...node, entryPoints: ['src/tracer/preload.ts'], outfile: 'dist/tracer/preload.cjs', format: 'cjs', external: [...node.external, './runtime.cjs'] }),
  build({ ...node, entryPoints: ['src/tracer/runtime.ts'], outfile: 'dist/tracer/runtime.cjs', format: 'cjs' }),
  // the instrumenter as the tracer runs it: in a realm of its own (src/tracer/instrumenter-realm.ts), loaded on first use
  build({ ...node, entryPoints: ['src/instrument/realm-entry.ts'], outfile: 'dist/tracer/instrumenter.cjs', format: 'cjs' }),
  build({
    ...node,
    entryPoints: ['src/tracer/esm-hooks.ts'],
    outfile: 'dist/tracer/esm-hooks.mjs',
    format: 'esm',
    banner: { js: "import { createRequire as __lsCreateRequire } from 'node:module'; const require = __lsCreateRequire(import.meta.url);" },
  }),
  // the command: a small launcher that loads the CLI's bundle with V8's code kept between runs
  build({ ...node, entryPoints: ['src/cli/launch.ts'], outfile: 'dist/cli.cjs', format: 'cjs', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.cjs', format: 'cjs' }),
  build({ ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.cjs', format: 'cjs' }),
  // The viewer (HTML report and VS Code panel): browser code with mermaid inside, one file the report can inline.
  build({ ...common, sourcemap: false, entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022', minify: true }),
]);
// mermaid as its own script, loaded after the viewer, defining window.mermaid. Only the sequence diagram is bundled:
// the other diagram types (and their layout engines) are loaded by mermaid through dynamic imports, which are
// replaced here by a module that throws. 1.3 MB instead of the official 3.5 MB build: the report stays small and the
// script is parsed in a third of the time.
const sequenceOnly = {
  name: 'mermaid-sequence-only',
  setup(b) {
    b.onResolve({ filter: /(^|\/)[^/]*(Diagram|definition|diagram-|cose-bilkent)[^/]*\.mjs$/ }, (a) =>
      a.kind === 'dynamic-import' && a.importer.includes('/mermaid/dist/') && !/sequenceDiagram/.test(a.path) ? { path: a.path, namespace: 'not-bundled' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'not-bundled' }, () => ({ contents: 'throw new Error("Loopscope bundles only the sequence diagram of mermaid");', loader: 'js' }));
  },
};
await build({
  ...common,
  sourcemap: false,
  legalComments: 'eof',
  stdin: { contents: "import mermaid from 'mermaid/dist/mermaid.core.mjs'; globalThis.mermaid = mermaid;", resolveDir: '.', loader: 'js' },
  outfile: 'dist/mermaid.js',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  plugins: [sequenceOnly],
});
// An empty module: `--import` of it puts a TypeScript ES module entry into Node's ESM loader on every Node version.
writeFileSync('dist/tracer/esm-entry.mjs', '// intentionally empty\n');
