// ES module customization hooks (run on Node's loader thread): instrument the user's ES modules and TypeScript.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prepareModuleOnce, isTypeScript, needsCompiling, moduleFormatOf, typeScriptSpecifiers, type PrepareCache } from '../instrument/prepare';
import { InstrumentSyntaxError } from '../instrument/instrument';
import { isUserFile, readOverrides, type TracerConfig } from './config';

let config: TracerConfig | undefined;
let overrides = new Map<string, string>();
let cache: PrepareCache = {};

export function initialize(data: { config: TracerConfig }): void {
  config = data.config;
  overrides = readOverrides(config);
  cache = { runDir: config.dir, cacheDir: config.cacheDir };
}

interface ResolveContext { parentURL?: string }
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string; format?: string | null }>;
interface LoadContext { format?: string | null }
interface LoadResult { format: string; source?: string | ArrayBuffer | Uint8Array | null; shortCircuit?: boolean }
type NextLoad = (url: string, context: LoadContext) => Promise<LoadResult>;

/** TypeScript ESM imports name the output file ('./util.js'); find the source ('./util.ts') when only it exists. */
export async function resolve(specifier: string, context: ResolveContext, next: NextResolve) {
  try {
    return await next(specifier, context);
  } catch (err) {
    const parent = context.parentURL;
    const alternatives = typeScriptSpecifiers(specifier);
    if (alternatives.length === 0 || !parent || !parent.startsWith('file:') || !isTypeScript(fileURLToPath(parent))) throw err;
    for (const alt of alternatives) {
      try {
        return await next(alt, context);
      } catch {
        /* try the next source extension */
      }
    }
    throw err;
  }
}

export async function load(url: string, context: LoadContext, next: NextLoad): Promise<LoadResult> {
  if (!config || !url.startsWith('file:')) return next(url, context);
  const file = fileURLToPath(url);
  if (!isUserFile(file, config)) return next(url, context);
  if (needsCompiling(file)) {
    const source = overrides.get(file) ?? readFileSync(file, 'utf8');
    // TypeScript that is CommonJS goes to the CommonJS loader, where the compile hook instruments it.
    if (moduleFormatOf(file, source, cache) === 'commonjs') return { format: 'commonjs', source: null, shortCircuit: true };
    return { format: 'module', source: prepareModuleOnce(source, file, 'module', { races: config.races, ...cache }), shortCircuit: true };
  }
  const result = await next(url, context);
  if (result.format === 'commonjs') return { format: 'commonjs', source: null, shortCircuit: true };
  if (result.format !== 'module' || result.source == null) return result;
  const source = overrides.get(file) ?? (typeof result.source === 'string' ? result.source : Buffer.from(result.source as Uint8Array).toString('utf8'));
  try {
    return { format: 'module', source: prepareModuleOnce(source, file, 'module', { races: config.races, ...cache }), shortCircuit: true };
  } catch (err) {
    if (err instanceof InstrumentSyntaxError) return result; // Node reports it exactly as it would untraced
    throw err;
  }
}
