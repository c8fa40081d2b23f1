// Turns a user's source file (JavaScript or TypeScript) into instrumented JavaScript with one composed source map,
// so every site and every stack frame points at the original file, line and column.
import { readFileSync, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { dirname, join, extname, resolve } from 'node:path';
import remapping from '@jridgewell/remapping';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { instrumentJavaScript, looksLikeModule, InstrumentSyntaxError, type SourceType } from './instrument';
import { FUNCTION_TABLE_FIELD, functionTextsPath, type FunctionTexts } from './runtime-api';
import type { RawSite } from '../core/raw-events';
import { tsconfigFor, compilerOptionsForEsbuild, emittedFormat, type Tsconfig } from './tsconfig';
import { entryKey, readEntry, writeEntry, writeWhole, INSTRUMENTER_BUILD } from './cache';
import { base64OfText } from './bytes';

/**
 * Where prepared files are kept: `runDir`, the run's own folder (shared by the runner and the traced process's
 * threads); `cacheDir`, the persistent cache across runs (see cache.ts). Without either, the work is done each time.
 */
export interface PrepareCache {
  runDir?: string;
  cacheDir?: string;
}

/** The folders to look in, the run's first; the persistent one only when the instrumenter's build is known. */
function cacheDirs(cache: PrepareCache): string[] {
  const dirs: string[] = [];
  if (cache.runDir) dirs.push(cache.runDir);
  if (cache.cacheDir && INSTRUMENTER_BUILD) dirs.push(cache.cacheDir);
  return dirs;
}

/**
 * The strings `compute()` gives, or gave before for the same key, from the first of `dirs` that has them (and
 * `valid` takes); computed, they are kept in all. `outsideRun` is called with strings not from the run's own folder.
 */
function cached(dirs: readonly string[], key: string, valid: (parts: string[]) => boolean, compute: () => string[], outsideRun?: (parts: string[]) => void): string[] {
  for (let i = 0; i < dirs.length; i++) {
    const hit = readEntry(dirs[i], key, i > 0);
    if (hit && valid(hit)) {
      if (i > 0) outsideRun?.(hit);
      return hit;
    }
  }
  const parts = compute();
  writeEntry(dirs, key, parts);
  outsideRun?.(parts);
  return parts;
}

export type ModuleFormat = 'module' | 'commonjs';

export const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx'];
/** What Node cannot run itself: TypeScript, TSX and JSX go through esbuild (with the project's tsconfig.json) first. */
export const COMPILED_EXTENSIONS = [...TYPESCRIPT_EXTENSIONS, '.jsx'];
export const SCRIPT_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'];

export const isTypeScript = (file: string): boolean => TYPESCRIPT_EXTENSIONS.includes(extname(file).toLowerCase());
export const needsCompiling = (file: string): boolean => COMPILED_EXTENSIONS.includes(extname(file).toLowerCase());

function loaderFor(file: string): 'ts' | 'tsx' | 'jsx' {
  const ext = extname(file).toLowerCase();
  return ext === '.tsx' ? 'tsx' : ext === '.jsx' ? 'jsx' : 'ts';
}

/**
 * TypeScript imports name the file tsc will write ('./shape.js'); these are the sources it is written from, in
 * TypeScript's order ('./shape.ts', './shape.tsx'). Empty for anything else.
 */
export function typeScriptSpecifiers(specifier: string): string[] {
  const m = /^(\.{1,2}\/.*)\.([cm]?)js(x?)$/.exec(specifier);
  if (!m) return [];
  const [, base, kind, x] = m;
  if (x) return kind ? [] : [`${base}.tsx`];
  return kind ? [`${base}.${kind}ts`] : [`${base}.ts`, `${base}.tsx`];
}

/** For a TypeScript file's `require('./shape.js')` where only shape.ts exists: './shape.ts'; else undefined. */
export function typeScriptSourceFor(specifier: string, parentFile: string): string | undefined {
  const alternatives = typeScriptSpecifiers(specifier);
  if (alternatives.length === 0 || !isTypeScript(parentFile)) return undefined;
  const dir = dirname(parentFile);
  if (existsSync(resolve(dir, specifier))) return undefined;
  return alternatives.find((alt) => existsSync(resolve(dir, alt)));
}

/** The "type" field of the nearest package.json, as Node reads it. */
export function packageType(file: string): 'module' | 'commonjs' | undefined {
  let dir = dirname(file);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const type = (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type;
        return type === 'module' ? 'module' : type === 'commonjs' ? 'commonjs' : undefined;
      } catch {
        return undefined;
      }
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * How a file will be loaded, following Node's rules: the extension, then the package "type". A .ts or .tsx file
 * without one is what tsc makes of it: CommonJS when tsconfig.json's "module" emits CommonJS there (commonjs,
 * node16, nodenext), else it goes by its syntax, as Node does with tsc's output. Deciding by syntax can take a
 * whole parse: with a `cache`, it is done once per text.
 */
export function moduleFormatOf(file: string, source?: string, cache: PrepareCache = {}): ModuleFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.mjs' || ext === '.mts') return 'module';
  if (ext === '.cjs' || ext === '.cts') return 'commonjs';
  const declared = packageType(file);
  if (declared) return declared;
  if ((ext === '.ts' || ext === '.tsx') && emittedFormat(tsconfigFor(file)?.compilerOptions ?? {}) === 'commonjs') return 'commonjs';
  const text = source ?? readFileSync(file, 'utf8');
  const compiled = needsCompiling(file);
  const bySyntax = (): ModuleFormat => (looksLikeModule(compiled ? stripTypes(text, file) : text) ? 'module' : 'commonjs');
  const dirs = cacheDirs(cache);
  if (dirs.length === 0) return bySyntax();
  const key = entryKey(['format', compiled && (loaderFor(file) + JSON.stringify(tsconfigFor(file) ?? null))], text);
  const [cachedFormat] = cached(dirs, key, ([f]) => f === 'module' || f === 'commonjs', () => [bySyntax()]);
  return cachedFormat as ModuleFormat;
}

type Esbuild = typeof import('esbuild');
let esbuild: Esbuild | undefined;

/** esbuild, loaded on first use. Its sync API runs the service with a blocking spawn, so it starts no threads,
 * timers or handles that the traced program (or its async_hooks) could notice. */
function loadEsbuild(): Esbuild {
  if (!esbuild) {
    const before = process.env.ESBUILD_WORKER_THREADS;
    process.env.ESBUILD_WORKER_THREADS = '0';
    try {
      esbuild = require('esbuild') as Esbuild;
    } finally {
      if (before === undefined) delete process.env.ESBUILD_WORKER_THREADS;
      else process.env.ESBUILD_WORKER_THREADS = before;
    }
  }
  return esbuild;
}

/** Types removed but every import and export kept (TypeScript elides unused imports, which hides module syntax). */
function stripTypes(source: string, file: string): string {
  try {
    return loadEsbuild().transformSync(source, {
      loader: loaderFor(file),
      target: 'node20',
      sourcefile: file,
      tsconfigRaw: { compilerOptions: { ...compilerOptionsForEsbuild(tsconfigFor(file)?.compilerOptions ?? {}), verbatimModuleSyntax: true } },
    }).code;
  } catch {
    return source;
  }
}

/**
 * TypeScript, TSX or JSX to JavaScript, as the user's project builds it: the file's tsconfig.json (the nearest one
 * whose project holds the file, with what it extends; see tsconfigFor) decides experimentalDecorators, useDefineForClassFields (and its default from "target"), jsx and its
 * factories, strictness and which imports are kept. esbuild's own target stays node20, whatever tsconfig's "target"
 * says: down-levelling async functions, await, generators or async generators (as tsc does below ES2017/ES2018)
 * would turn each await into generator steps and promise jobs of a helper, changing the ticks, tasks and coroutines
 * this tool is here to show; node20 is also the oldest Node Loopscope supports, so everything it keeps native runs.
 */
export function transformTypeScript(source: string, file: string, format: ModuleFormat | undefined, tsconfig: Tsconfig | undefined = tsconfigFor(file)): { code: string; map: string } {
  try {
    const out = loadEsbuild().transformSync(source, {
      loader: loaderFor(file),
      format: format === 'commonjs' ? 'cjs' : format === 'module' ? 'esm' : undefined,
      target: 'node20',
      tsconfigRaw: tsconfig ? { compilerOptions: compilerOptionsForEsbuild(tsconfig.compilerOptions) } : undefined,
      sourcemap: 'external',
      sourcefile: file,
      sourcesContent: true,
    });
    return { code: out.code, map: out.map };
  } catch (err) {
    const first = (err as { errors?: { text: string; location?: { line: number; column: number } }[] }).errors?.[0];
    if (first) throw new InstrumentSyntaxError(first.text, file, first.location?.line ?? 1, (first.location?.column ?? 0) + 1);
    throw err;
  }
}

export interface PreparedModule {
  code: string;
  sites: RawSite[];
  /** JavaScript only: the original text and where its functions are, for Function.prototype.toString */
  functionTexts?: FunctionTexts;
}


/** Instrument one file. `format` is how Node will load it. The result carries an inline source map. */
export function prepareModule(source: string, file: string, format: ModuleFormat, options: { races?: boolean } = {}): PreparedModule {
  const sourceType: SourceType = format === 'module' ? 'module' : 'script';
  if (!needsCompiling(file)) {
    // an ES module's frames name it by URL, as untraced Node prints them; a CommonJS module's by path
    const mapSource = format === 'module' ? pathToFileURL(file).href : file;
    const result = instrumentJavaScript(source, file, { sourceType, races: options.races, mapSource });
    const { [FUNCTION_TABLE_FIELD]: table, ...map } = result.map;
    return { code: withInlineMap(result.code, JSON.stringify(map)), sites: result.sites, functionTexts: table && { source, table } };
  }
  const ts = transformTypeScript(source, file, format);
  const tsMap = new TraceMap(ts.map);
  const result = instrumentJavaScript(ts.code, file, {
    sourceType,
    races: options.races,
    originalPosition(line, column) {
      const pos = originalPositionFor(tsMap, { line, column });
      return pos.line == null ? null : { line: pos.line, column: pos.column ?? 0 };
    },
  });
  const composed = remapping([JSON.stringify(result.map), ts.map], () => null);
  return { code: withInlineMap(result.code, JSON.stringify(composed)), sites: result.sites };
}

/**
 * The instrumented code of `prepareModule`, done once per run and, with a persistent `cacheDir`, once for as long as
 * the file, its format, the options (and for TypeScript its tsconfig.json) and the instrumenter stay the same: the
 * runner's entry check and the traced process (its main thread and its ES module loader thread) never instrument
 * the same text twice.
 */
export function prepareModuleOnce(source: string, file: string, format: ModuleFormat, options: { races?: boolean } & PrepareCache = {}): string {
  const dirs = cacheDirs(options);
  if (dirs.length === 0) return prepareModule(source, file, format, options).code;
  const key = entryKey(['prepared', file, format, options.races ? 1 : 0, needsCompiling(file) && JSON.stringify(tsconfigFor(file) ?? null)], source);
  const { runDir } = options;
  const [code] = cached(
    dirs,
    key,
    (parts) => parts.length === 2,
    () => {
      const prepared = prepareModule(source, file, format, options);
      return [prepared.code, prepared.functionTexts ? JSON.stringify(prepared.functionTexts) : ''];
    },
    // the run's folder holds the function texts the traced process reads (see tracer/function-text.ts)
    ([, texts]) => {
      const path = runDir && texts && functionTextsPath(runDir, file);
      // (one that cannot be written only costs the function texts: the instrumented text is shown instead)
      if (path && !existsSync(path)) writeWhole(path, [texts]);
    },
  );
  return code;
}

function withInlineMap(code: string, map: string): string {
  return `${code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${base64OfText(map)}\n`;
}
