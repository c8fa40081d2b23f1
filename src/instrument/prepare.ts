// Turns a user's source file (JavaScript or TypeScript) into instrumented JavaScript with one composed source map,
// so every site and every stack frame points at the original file, line and column.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, extname } from 'node:path';
import remapping from '@jridgewell/remapping';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { instrumentJavaScript, looksLikeModule, InstrumentSyntaxError, type SourceType } from './instrument';
import type { RawSite } from '../core/raw-events';

export type ModuleFormat = 'module' | 'commonjs';

export const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts'];
export const SCRIPT_EXTENSIONS = ['.js', '.mjs', '.cjs', ...TYPESCRIPT_EXTENSIONS];

export const isTypeScript = (file: string): boolean => TYPESCRIPT_EXTENSIONS.includes(extname(file).toLowerCase());

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

/** How a file will be loaded, following Node's rules; .ts without a package "type" goes by its syntax. */
export function moduleFormatOf(file: string, source?: string): ModuleFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.mjs' || ext === '.mts') return 'module';
  if (ext === '.cjs' || ext === '.cts') return 'commonjs';
  const declared = packageType(file);
  if (declared) return declared;
  const text = source ?? readFileSync(file, 'utf8');
  if (ext === '.ts') return looksLikeModule(stripTypes(text, file)) ? 'module' : 'commonjs';
  return looksLikeModule(text) ? 'module' : 'commonjs';
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
      loader: 'ts',
      target: 'node20',
      sourcefile: file,
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
    }).code;
  } catch {
    return source;
  }
}

export function transformTypeScript(source: string, file: string, format: ModuleFormat | undefined): { code: string; map: string } {
  try {
    const out = loadEsbuild().transformSync(source, {
      loader: 'ts',
      format: format === 'commonjs' ? 'cjs' : format === 'module' ? 'esm' : undefined,
      // Native async/await, generators and classes: down-levelling would change the ticks we are here to observe.
      target: 'node20',
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
}

/** Instrument one file. `format` is how Node will load it. The result carries an inline source map. */
export function prepareModule(source: string, file: string, format: ModuleFormat, options: { races?: boolean } = {}): PreparedModule {
  const sourceType: SourceType = format === 'module' ? 'module' : 'script';
  if (!isTypeScript(file)) {
    const result = instrumentJavaScript(source, file, { sourceType, races: options.races });
    return { code: withInlineMap(result.code, JSON.stringify(result.map)), sites: result.sites };
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

function withInlineMap(code: string, map: string): string {
  return `${code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(map).toString('base64')}\n`;
}
