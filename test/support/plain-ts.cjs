// The untraced baseline for TypeScript programs: esbuild strips the types (the same transform Loopscope uses, without
// any instrumentation), loading modules the same way the tracer does (CJS through require, ESM through a load hook).
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { pathToFileURL } = require('node:url');
const { isMainThread } = require('node:worker_threads');
const esbuild = require('esbuild');

const { dirname, join, resolve } = require('node:path');
const { existsSync } = require('node:fs');
const acorn = require('acorn');

// The program's own TypeScript settings: the nearest tsconfig.json (its compilerOptions, as esbuild reads them:
// experimentalDecorators, useDefineForClassFields, target, jsx, ...). The checkout's tsconfig.json configures
// Loopscope's sources, not the test programs, so the search stops below it.
const checkout = resolve(__dirname, '..', '..');
function tsconfigOf(file) {
  for (let dir = dirname(file); dir !== checkout; dir = dirname(dir)) {
    const config = join(dir, 'tsconfig.json');
    if (existsSync(config)) return { compilerOptions: JSON.parse(readFileSync(config, 'utf8')).compilerOptions ?? {} };
    if (dirname(dir) === dir) break;
  }
  return undefined;
}
exports.tsconfigOf = tsconfigOf;

// Node's rule for a file without .mts/.cts: the nearest package.json "type", else detect module syntax.
function formatOf(file, source) {
  if (file.endsWith('.mts')) return 'esm';
  if (file.endsWith('.cts')) return 'cjs';
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      const type = JSON.parse(readFileSync(pkg, 'utf8')).type;
      if (type === 'module') return 'esm';
      if (type === 'commonjs') return 'cjs';
      break;
    }
    if (dirname(dir) === dir) break;
  }
  const js = esbuild.transformSync(source, { loader: 'ts', target: 'node20', tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } } }).code;
  try {
    acorn.parse(js, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, allowHashBang: true });
    return 'cjs';
  } catch {
    return 'esm';
  }
}
exports.formatOf = formatOf;

// in every thread, so a worker's TypeScript compiles too; the ESM hooks are registered once, by the main thread
{
  for (const ext of ['.ts', '.cts']) {
    Module._extensions[ext] = (module, filename) => {
      const source = readFileSync(filename, 'utf8');
      const out = esbuild.transformSync(source, { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: filename, sourcemap: 'inline', tsconfigRaw: tsconfigOf(filename) });
      module._compile(out.code, filename);
    };
  }
  // `require('./x.js')` from TypeScript loads x.ts when there is no x.js, as tsc's output and the ESM hook do.
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    try {
      return resolveFilename.call(this, request, parent, ...rest);
    } catch (err) {
      const m = /^(\.{1,2}\/.*)\.([cm]?)js$/.exec(request);
      if (!m || !parent || !/\.[cm]?ts$/.test(parent.filename || '')) throw err;
      return resolveFilename.call(this, `${m[1]}.${m[2]}ts`, parent, ...rest);
    }
  };
  if (isMainThread) Module.register(pathToFileURL(require.resolve('./plain-ts-hooks.mjs')).href);
}
