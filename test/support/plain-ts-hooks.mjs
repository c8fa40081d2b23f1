// ESM half of plain-ts.cjs: TypeScript ES modules through esbuild, no instrumentation.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const esbuild = require('esbuild');
const { formatOf, tsconfigOf } = require('./plain-ts.cjs');

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    const m = /^(\.{1,2}\/.*)\.([cm]?)js$/.exec(specifier);
    if (!m || !context.parentURL || !/\.[cm]?ts$/.test(context.parentURL)) throw err;
    return next(`${m[1]}.${m[2]}ts`, context);
  }
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !/\.[cm]?ts$/.test(url)) return next(url, context);
  const file = fileURLToPath(url);
  const source = readFileSync(file, 'utf8');
  if (formatOf(file, source) === 'cjs') return { format: 'commonjs', source: null, shortCircuit: true };
  const out = esbuild.transformSync(source, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: file, sourcemap: 'inline', tsconfigRaw: tsconfigOf(file) });
  return { format: 'module', source: out.code, shortCircuit: true };
}
