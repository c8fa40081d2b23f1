// The user's tsconfig.json, read the way TypeScript reads it: the nearest one above the file, JSON with comments and
// trailing commas, `extends` followed (relative paths and packages, one or an array), compiler options merged.
// Only what esbuild's transform understands is handed on (see compilerOptionsForEsbuild).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, isAbsolute } from 'node:path';
import type { TsconfigRaw } from 'esbuild';
import { InstrumentSyntaxError } from './instrument';

export type CompilerOptions = Record<string, unknown>;

export interface Tsconfig {
  /** the tsconfig.json that applies (the nearest one) */
  file: string;
  /** every file read, the nearest first, then what it extends */
  files: string[];
  /** merged over `extends`: the nearer file wins, and in an `extends` array the later entry wins */
  compilerOptions: CompilerOptions;
}

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** The nearest tsconfig.json in the file's folder or above it (as esbuild, tsx and ts-node pick it). */
export function findTsconfig(file: string): string | undefined {
  for (let dir = dirname(resolve(file)); ; ) {
    const candidate = join(dir, 'tsconfig.json');
    if (isFile(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The tsconfig that drives the transform of `file`, or undefined when there is none. */
export function tsconfigFor(file: string): Tsconfig | undefined {
  const found = findTsconfig(file);
  if (!found) return undefined;
  const files: string[] = [];
  return { file: found, files, compilerOptions: load(found, files, []) };
}

function load(file: string, files: string[], chain: string[]): CompilerOptions {
  if (chain.includes(file)) throw configError(`circular "extends": ${[...chain, file].join(' -> ')}`, chain[chain.length - 1] ?? file, 1, 1);
  files.push(file);
  const text = readFileSync(file, 'utf8');
  let config: unknown;
  try {
    config = parseJsonc(text);
  } catch (err) {
    const at = err instanceof JsoncError ? lineColumn(text, err.offset) : { line: 1, column: 1 };
    throw configError(`${(err as Error).message} in ${file}`, file, at.line, at.column);
  }
  if (!isObject(config)) throw configError(`${file} is not a JSON object`, file, 1, 1);
  let options: CompilerOptions = {};
  const ext = config.extends;
  const bases = typeof ext === 'string' ? [ext] : Array.isArray(ext) ? ext.filter((e): e is string => typeof e === 'string') : [];
  for (const spec of bases) {
    const base = resolveExtends(spec, dirname(file));
    if (!base) {
      const at = lineColumn(text, Math.max(0, text.indexOf(JSON.stringify(spec))));
      throw configError(`${file} extends "${spec}", which was not found`, file, at.line, at.column);
    }
    options = { ...options, ...load(base, files, [...chain, file]) };
  }
  return { ...options, ...(isObject(config.compilerOptions) ? config.compilerOptions : {}) };
}

function configError(message: string, file: string, line: number, column: number): InstrumentSyntaxError {
  return new InstrumentSyntaxError(`tsconfig: ${message}`, file, line, column);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** TypeScript's rules for `extends`: a path (".json" may be left off) or a package in node_modules above the config. */
export function resolveExtends(spec: string, fromDir: string): string | undefined {
  if (isAbsolute(spec) || /^\.\.?(?:[\\/]|$)/.test(spec)) {
    const p = resolve(fromDir, spec);
    if (isFile(p)) return p;
    if (!p.endsWith('.json') && isFile(`${p}.json`)) return `${p}.json`;
    return undefined;
  }
  const m = /^((?:@[^/]+\/)?[^/]+)(?:\/(.+))?$/.exec(spec);
  if (!m) return undefined;
  const [, name, sub] = m;
  for (let dir = fromDir; ; ) {
    const pkgDir = join(dir, 'node_modules', name);
    const found = sub ? packageSubpath(pkgDir, sub) : packageMain(pkgDir);
    if (found) return found;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function readPackageJson(pkgDir: string): Record<string, unknown> {
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    return isObject(pkg) ? pkg : {};
  } catch {
    return {};
  }
}

/** `"extends": "@tsconfig/node20"`: the package's "tsconfig" field, its "." export, or its tsconfig.json. */
function packageMain(pkgDir: string): string | undefined {
  const pkg = readPackageJson(pkgDir);
  const exported = exportTarget(pkg.exports, '.');
  for (const candidate of [typeof pkg.tsconfig === 'string' ? pkg.tsconfig : undefined, exported, 'tsconfig.json']) {
    if (candidate && isFile(join(pkgDir, candidate))) return join(pkgDir, candidate);
  }
  return undefined;
}

/** `"extends": "@tsconfig/node20/tsconfig.json"` (or without ".json", or a folder holding a tsconfig.json). */
function packageSubpath(pkgDir: string, sub: string): string | undefined {
  const exported = exportTarget(readPackageJson(pkgDir).exports, `./${sub}`);
  for (const candidate of [exported, sub, `${sub}.json`, join(sub, 'tsconfig.json')]) {
    if (candidate && isFile(join(pkgDir, candidate))) return join(pkgDir, candidate);
  }
  return undefined;
}

function exportTarget(exports: unknown, key: string): string | undefined {
  if (key === '.' && typeof exports === 'string') return exports;
  if (!isObject(exports)) return undefined;
  let target = exports[key];
  // conditions: TypeScript reads "types", "require", "import" and "default" for a JSON config; take the first string
  while (isObject(target)) target = Object.values(target).find((v) => typeof v === 'string' || isObject(v));
  return typeof target === 'string' ? target : undefined;
}

/**
 * The compiler options esbuild's transform acts on, from a merged tsconfig. `target` is passed on too, but esbuild
 * uses it only for the default of useDefineForClassFields (as tsc does: below ES2022, fields are assigned in the
 * constructor); what syntax is down-levelled is esbuild's own `target`, which Loopscope keeps at node20 (see
 * transformTypeScript). `paths` and `baseUrl` are left out: a transform does not resolve imports, and neither does
 * tsc's output, which keeps every import as written.
 */
export function compilerOptionsForEsbuild(options: CompilerOptions): NonNullable<TsconfigRaw['compilerOptions']> {
  const out: NonNullable<TsconfigRaw['compilerOptions']> = {};
  const bool = (key: string): boolean | undefined => (typeof options[key] === 'boolean' ? (options[key] as boolean) : undefined);
  const str = (key: string): string | undefined => (typeof options[key] === 'string' ? (options[key] as string) : undefined);
  const set = <K extends keyof typeof out>(key: K, value: (typeof out)[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('experimentalDecorators', bool('experimentalDecorators'));
  set('useDefineForClassFields', bool('useDefineForClassFields'));
  set('verbatimModuleSyntax', bool('verbatimModuleSyntax'));
  set('preserveValueImports', bool('preserveValueImports'));
  set('alwaysStrict', bool('alwaysStrict'));
  set('strict', bool('strict'));
  set('target', str('target')?.toLowerCase());
  const jsx = str('jsx')?.toLowerCase();
  if (jsx === 'preserve' || jsx === 'react-native' || jsx === 'react' || jsx === 'react-jsx' || jsx === 'react-jsxdev') out.jsx = jsx;
  set('jsxFactory', str('jsxFactory'));
  set('jsxFragmentFactory', str('jsxFragmentFactory'));
  set('jsxImportSource', str('jsxImportSource'));
  const unused = str('importsNotUsedAsValues')?.toLowerCase();
  if (unused === 'remove' || unused === 'preserve' || unused === 'error') out.importsNotUsedAsValues = unused;
  return out;
}

/**
 * The module format tsc emits for a .ts or .tsx file whose package.json does not say: CommonJS for "module":
 * "commonjs" and the node16/node18/node20/nodenext modes (which follow package.json, and without "type" that is
 * CommonJS); undefined otherwise (ES module syntax is kept as written, so Node's own syntax detection decides).
 */
export function emittedFormat(options: CompilerOptions): 'commonjs' | undefined {
  const mod = typeof options.module === 'string' ? options.module.toLowerCase() : undefined;
  return mod === 'commonjs' || (mod !== undefined && /^node(?:\d+|next)$/.test(mod)) ? 'commonjs' : undefined;
}

class JsoncError extends SyntaxError {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/**
 * JSON with comments and trailing commas (tsconfig's dialect). Comments and trailing commas are blanked out in place,
 * so an offset in JSON.parse's complaint is an offset in the original text.
 */
export function parseJsonc(text: string): unknown {
  const out = text.replace(/^\uFEFF/, ' ').split('');
  let comma = -1;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  for (let i = 0; i < out.length; ) {
    const c = out[i];
    if (c === '"') {
      comma = -1;
      let j = i + 1;
      while (j < out.length && out[j] !== '"' && out[j] !== '\n') j += out[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else if (c === '/' && out[i + 1] === '/') {
      let j = i;
      while (j < out.length && out[j] !== '\n') j++;
      blank(i, j);
      i = j;
    } else if (c === '/' && out[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new JsoncError('unterminated comment', i);
      blank(i, end + 2);
      i = end + 2;
    } else if (c === ',') {
      comma = i++;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      if ((c === '}' || c === ']') && comma >= 0) out[comma] = ' ';
      comma = -1;
      i++;
    }
  }
  const json = out.join('');
  try {
    return json.trim() === '' ? {} : JSON.parse(json);
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    const lc = /line (\d+) column (\d+)/.exec(message);
    const offset = pos ? Number(pos[1]) : lc ? offsetOf(json, Number(lc[1]), Number(lc[2])) : 0;
    throw new JsoncError(message.replace(/^JSON\.parse: /, ''), offset);
  }
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
