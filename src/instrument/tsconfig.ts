// The user's tsconfig.json, read the way TypeScript reads it: the nearest one above the file whose project holds the
// file (its files/include/exclude, or a project it references), JSON with comments and trailing commas, `extends`
// followed (relative paths and packages, one or an array), compiler options merged.
// Only what esbuild's transform understands is handed on (see compilerOptionsForEsbuild).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, isAbsolute, sep } from 'node:path';
import type { TsconfigRaw } from 'esbuild';
import { InstrumentSyntaxError } from './instrument';

export type CompilerOptions = Record<string, unknown>;

export interface Tsconfig {
  /** the tsconfig.json that applies */
  file: string;
  /** every file read for it: that one first, then what it extends */
  files: string[];
  /** merged over `extends`: the nearer file wins, and in an `extends` array the later entry wins */
  compilerOptions: CompilerOptions;
}

/** A list of paths or patterns, and the folder they are relative to (the config file that set them). */
interface Scoped {
  list: string[];
  dir: string;
}

interface Loaded {
  options: CompilerOptions;
  files?: Scoped;
  include?: Scoped;
  exclude?: Scoped;
}

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** The nearest tsconfig.json in the file's folder or above it. */
export function findTsconfig(file: string, from = dirname(resolve(file))): string | undefined {
  for (let dir = from; ; ) {
    const candidate = join(dir, 'tsconfig.json');
    if (isFile(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * The tsconfig that drives the transform of `file`, found as TypeScript's language service finds a file's project:
 * the nearest tsconfig.json whose `files` / `include` / `exclude` take the file in, or one of the projects it lists in
 * `references` (a solution-style tsconfig.json, as Vite's templates have) that does; a tsconfig.json that does not
 * hold the file is passed over for the next one up. None: undefined (the editor's defaults, and esbuild's).
 */
export function tsconfigFor(file: string): Tsconfig | undefined {
  const target = resolve(file);
  for (let found = findTsconfig(target); found; found = findTsconfig(target, dirname(dirname(found)))) {
    const read: string[] = [];
    const config = load(found, read, []);
    if (holds(config, found, target)) return { file: found, files: read, compilerOptions: config.options };
    for (const ref of references(found)) {
      const refRead: string[] = [];
      const referenced = load(ref, refRead, []);
      if (holds(referenced, ref, target)) return { file: ref, files: refRead, compilerOptions: referenced.options };
    }
    if (dirname(found) === dirname(dirname(found))) return undefined;
  }
  return undefined;
}

/** The config files named by `references` (a folder means its tsconfig.json); references are not inherited. */
function references(configFile: string): string[] {
  const config = parseFile(configFile);
  if (!Array.isArray(config.references)) return [];
  const out: string[] = [];
  for (const ref of config.references) {
    const path = isObject(ref) && typeof ref.path === 'string' ? resolve(dirname(configFile), ref.path) : undefined;
    if (!path) continue;
    const candidate = isFile(path) ? path : join(path, 'tsconfig.json');
    if (isFile(candidate)) out.push(candidate);
  }
  return out;
}

/** Does this project take the file in? `files`, or `include` (default everything) less `exclude`, as tsc decides. */
function holds(config: Loaded, configFile: string, file: string): boolean {
  const configDir = dirname(configFile);
  const expand = (p: string) => p.replace(/\$\{configDir\}/g, configDir);
  if (config.files?.list.some((f) => resolve(config.files!.dir, expand(f)) === file)) return true;
  const include = config.include ?? (config.files ? undefined : { list: ['**/*'], dir: configDir });
  if (!include?.list.some((p) => patternRegExp(resolve(include.dir, expand(p)), 'include').test(file))) return false;
  const outDir = typeof config.options.outDir === 'string' ? [config.options.outDir] : [];
  const exclude = config.exclude ?? { list: ['node_modules', 'bower_components', 'jspm_packages', ...outDir], dir: configDir };
  return !exclude.list.some((p) => patternRegExp(resolve(exclude.dir, expand(p)), 'exclude').test(file));
}

/**
 * TypeScript's wildcards in `include` and `exclude`: `*` and `?` within a path segment, `**` any number of folders.
 * An include whose last segment has neither a wildcard nor an extension is a folder (everything under it);
 * wildcards in an include do not enter node_modules and the like, nor match names starting with a dot. An exclude
 * matches a path and everything under it.
 */
export function patternRegExp(absolutePattern: string, usage: 'include' | 'exclude'): RegExp {
  const parts = absolutePattern.split(sep).filter((p, i) => i === 0 || p !== '');
  const last = parts[parts.length - 1];
  if (usage === 'include' && !/[*?]/.test(last) && !/\.[^.]+$/.test(last)) parts.push('**', '*');
  const escape = (t: string) => t.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  let source = '';
  for (const part of parts.slice(1)) {
    if (part === '**') {
      source += usage === 'include' ? '(?:/(?!(?:node_modules|bower_components|jspm_packages)(?:/|$))[^/.][^/]*)*' : '(?:/[^/]+)*';
      continue;
    }
    const body = part.split('').map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : escape(c))).join('');
    source += `/${usage === 'include' && /^[*?]/.test(part) ? '(?!\\.)' : ''}${body}`;
  }
  return new RegExp(`^${escape(parts[0])}${source}${usage === 'exclude' ? '(?:/.*)?' : ''}$`);
}

function parseFile(file: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8');
  let config: unknown;
  try {
    config = parseJsonc(text);
  } catch (err) {
    const at = err instanceof JsoncError ? lineColumn(text, err.offset) : { line: 1, column: 1 };
    throw configError(`${(err as Error).message} in ${file}`, file, at.line, at.column);
  }
  if (!isObject(config)) throw configError(`${file} is not a JSON object`, file, 1, 1);
  return config;
}

function load(file: string, files: string[], chain: string[]): Loaded {
  if (chain.includes(file)) throw configError(`circular "extends": ${[...chain, file].join(' -> ')}`, chain[chain.length - 1] ?? file, 1, 1);
  files.push(file);
  const config = parseFile(file);
  const dir = dirname(file);
  let inherited: Loaded = { options: {} };
  const ext = config.extends;
  const bases = typeof ext === 'string' ? [ext] : Array.isArray(ext) ? ext.filter((e): e is string => typeof e === 'string') : [];
  for (const spec of bases) {
    const base = resolveExtends(spec, dir);
    if (!base) {
      const text = readFileSync(file, 'utf8');
      const at = lineColumn(text, Math.max(0, text.indexOf(JSON.stringify(spec))));
      throw configError(`${file} extends "${spec}", which was not found`, file, at.line, at.column);
    }
    const loaded = load(base, files, [...chain, file]);
    inherited = {
      options: { ...inherited.options, ...loaded.options },
      files: loaded.files ?? inherited.files,
      include: loaded.include ?? inherited.include,
      exclude: loaded.exclude ?? inherited.exclude,
    };
  }
  const scoped = (key: string): Scoped | undefined => (Array.isArray(config[key]) ? { list: (config[key] as unknown[]).filter((v): v is string => typeof v === 'string'), dir } : undefined);
  return {
    options: { ...inherited.options, ...(isObject(config.compilerOptions) ? config.compilerOptions : {}) },
    files: scoped('files') ?? inherited.files,
    include: scoped('include') ?? inherited.include,
    exclude: scoped('exclude') ?? inherited.exclude,
  };
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
