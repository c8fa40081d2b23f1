// The instrumenter in a realm of its own. A program may replace builtins (Array.prototype.push, String.prototype.slice,
// JSON.stringify, Function.prototype.call, ...) before it requires a module; acorn, astring, the source map libraries
// and esbuild's JavaScript side, run in the program's realm, would call them as the program left them (counted by the
// program's wrappers, or broken by them). So the instrumenter's bundle (instrument/realm-entry.ts, built as
// instrumenter.cjs) runs in a V8 context made for it on first use, with builtins of its own that no program code can
// reach: strings go in, strings come out. The Node modules it uses are handed in as copies taken when the tracer
// started (a program that later replaces fs.readFileSync or path.join is not called); packages it loads (esbuild's
// JavaScript API) are run in the realm too. The objects Node's functions return are not asked for their methods: a
// Buffer is read with the realm's typed-array methods (instrument/bytes.ts), a hash through Node's own update and
// digest, taken here.
import vm from 'node:vm';
import fs from 'node:fs';
import path from 'node:path';
import url from 'node:url';
import crypto from 'node:crypto';
import os from 'node:os';
import workerThreads from 'node:worker_threads';
import Module from 'node:module';
import { cachedScript } from './code-cache';
import { StringStartsWith, StringSlice, SafeMap, uncurryThis, ReflectApply, ReflectGetPrototypeOf } from './primordials';
import { InstrumentSyntaxError } from '../instrument/syntax-error';
import type { RealmApi, Outcome } from '../instrument/realm-entry';
import type { ModuleFormat } from '../instrument/prepare';

/** The instrumenter's calls, as the tracer makes them (each runs in the realm). */
export interface Instrumenter {
  prepareModuleOnce(source: string, file: string, format: ModuleFormat, races: boolean): string;
  moduleFormatOf(file: string, source?: string): ModuleFormat;
  typeScriptSourceFor(specifier: string, parentFile: string): string | undefined;
  needsCompiling(file: string): boolean;
  isTypeScript(file: string): boolean;
}

// All taken when the tracer loads, before any program code runs.
const { createContext, compileFunction, runInContext } = vm;
const { readFileSync } = fs;
const { dirname } = path;
const { createRequire, isBuiltin } = Module as unknown as { createRequire: typeof Module.createRequire; isBuiltin: (id: string) => boolean };
const ObjectCreate = Object.create;
const ObjectAssign = Object.assign;
const builtinModule = (process as { getBuiltinModule?: (id: string) => object }).getBuiltinModule ?? ((id: string) => require(id) as object);
const RealBuffer = Buffer;
/** a copy of each Node module the instrumenter uses (others, such as child_process for esbuild, copied on first use) */
const nodeModules = new SafeMap<string, object>();
for (const [name, exports] of [['fs', fs], ['path', path], ['url', url], ['crypto', crypto], ['os', os], ['worker_threads', workerThreads]] as const) {
  nodeModules.set(name, ObjectAssign(ObjectCreate(null) as object, exports));
}
// a hash's methods as Node made them (a program may replace Hash.prototype.update or digest): the realm's createHash
// gives objects whose update and digest are their own, calling those
{
  const hashPrototype = ReflectGetPrototypeOf(crypto.createHash('sha1')) as { update: (...a: unknown[]) => unknown; digest: (...a: unknown[]) => unknown };
  const [update, digest] = [hashPrototype.update, hashPrototype.digest];
  const { createHash } = crypto;
  (nodeModules.get('crypto') as { createHash: unknown }).createHash = (algorithm: string) => {
    const hash = createHash(algorithm);
    const safe = {
      update(data: unknown, encoding?: unknown) {
        ReflectApply(update, hash, encoding === undefined ? [data] : [data, encoding]);
        return safe;
      },
      digest: (encoding?: unknown) => ReflectApply(digest, hash, encoding === undefined ? [] : [encoding]),
    };
    return safe;
  };
}

/**
 * The realm's `path`: Node's, but for join. Node's join collects its parts with Array.prototype.push (and, on
 * Windows, Array.prototype.some) on an array of the realm it was made in, the program's; this one collects them in
 * the instrumenter's realm and leaves the rest to Node's normalize, as Node's join does. Compiled in the realm from
 * its text: it must refer to nothing outside itself.
 */
function realmPath(path: typeof import('node:path')): typeof import('node:path') {
  const windows = path.sep === '\\';
  const isSeparator = (c: string | undefined) => c === '/' || (windows && c === '\\');
  return {
    ...path,
    join(...parts: string[]): string {
      const kept: string[] = [];
      for (const part of parts) {
        if (typeof part !== 'string') return path.join(...parts); // Node's own error
        if (part !== '') kept[kept.length] = part;
      }
      if (kept.length === 0) return '.';
      let joined = kept.join(path.sep);
      const first = kept[0];
      // Windows: two leading separators that do not start the first part as a UNC path would are one (Node's rule)
      if (windows && !(isSeparator(first[0]) && isSeparator(first[1]) && first.length > 2 && !isSeparator(first[2]))) {
        let leading = 0;
        while (leading < joined.length && isSeparator(joined[leading])) leading++;
        if (leading >= 2) joined = `\\${joined.slice(leading)}`;
      }
      return path.normalize(joined);
    },
  };
}

/**
 * The realm's TextEncoder and TextDecoder, Node's underneath: what esbuild encodes must be an instance of its own
 * realm's Uint8Array, so the bytes are copied into one. Compiled in the realm from its text, as realmPath.
 */
function realmTextCodec(encode: (text: string) => Uint8Array, decode: (bytes: Uint8Array) => string) {
  return {
    TextEncoder: class TextEncoder {
      encode(text = ''): Uint8Array {
        const bytes = encode(text);
        const copy = new Uint8Array(bytes.length);
        copy.set(bytes);
        return copy;
      }
    },
    TextDecoder: class TextDecoder {
      decode(bytes?: Uint8Array): string {
        return bytes === undefined ? '' : decode(bytes);
      }
    },
  };
}
const FunctionToString = uncurryThis(Function.prototype.toString);
const [nodeEncoder, nodeDecoder] = [new TextEncoder(), new TextDecoder()];
const [TextEncoderEncode, TextDecoderDecode] = [uncurryThis(TextEncoder.prototype.encode), uncurryThis(TextDecoder.prototype.decode)];

/** `fn` made anew in `context` from its text (so it runs on the realm's builtins): it must refer to nothing outside itself. */
const inRealm = <F extends (...args: never[]) => unknown>(fn: F, context: vm.Context): F => runInContext(`(${FunctionToString(fn)})`, context) as F;

/** The names a bundle or package's text is wrapped in (its free `process` and `Buffer` are Node's, handed in). */
const WRAPPER_PARAMS = ['exports', 'require', 'module', '__filename', '__dirname', 'process', 'Buffer', 'TextEncoder', 'TextDecoder'];
const WRAPPER_START = `(function (${WRAPPER_PARAMS.join(', ')}) {`;

/**
 * The instrumenter of this thread, its realm made on first use from the bundle `bundle` (V8's code for it kept in
 * `cacheDir`). `runDir` and `cacheDir` are where prepared files are kept (instrument/cache.ts).
 */
export function instrumenterRealm(bundle: string, cache: { runDir?: string; cacheDir?: string }): Instrumenter {
  let api: RealmApi | undefined;
  const realm = (): RealmApi => (api ??= load(bundle, cache.cacheDir));
  const { runDir, cacheDir } = cache;
  return {
    prepareModuleOnce: (source, file, format, races) => valueOf(realm().prepareModuleOnce(source, file, format, races, runDir, cacheDir)),
    moduleFormatOf: (file, source) => valueOf(realm().moduleFormatOf(file, source, runDir, cacheDir)),
    typeScriptSourceFor: (specifier, parentFile) => realm().typeScriptSourceFor(specifier, parentFile),
    needsCompiling: (file) => realm().needsCompiling(file),
    isTypeScript: (file) => realm().isTypeScript(file),
  };
}

/** A syntax error of the realm is thrown as the tracer's own (its callers tell it from other errors). */
function valueOf<T>(outcome: Outcome<T>): T {
  const e = outcome.syntaxError;
  if (e) throw new InstrumentSyntaxError(e.message, e.file, e.line, e.column);
  return (outcome as { value: T }).value;
}

function load(bundle: string, cacheDir: string | undefined): RealmApi {
  // a context without contextified properties: a null-prototype object, so a global name the realm does not define
  // is not looked up on the program's Object.prototype
  const context = createContext(ObjectCreate(null) as object);
  /** packages loaded into the realm, by file */
  const loaded = new SafeMap<string, { exports: unknown }>();
  const realmModules = new SafeMap<string, object>([['path', inRealm(realmPath, context)(nodeModules.get('path') as typeof path)]]);
  const codec = inRealm(realmTextCodec, context)(
    (text) => TextEncoderEncode(nodeEncoder, text),
    (bytes) => TextDecoderDecode(nodeDecoder, bytes),
  );
  const requireFrom = (parentFile: string) => {
    const { resolve } = createRequire(parentFile);
    const require = (id: string): unknown => {
      const name = StringStartsWith(id, 'node:') ? StringSlice(id, 5) : id;
      if (isBuiltin(name)) {
        let copy = realmModules.get(name) ?? nodeModules.get(name);
        if (!copy) nodeModules.set(name, (copy = ObjectAssign(ObjectCreate(null) as object, builtinModule(name))));
        return copy;
      }
      const file = resolve(id);
      let module = loaded.get(file);
      if (!module) loaded.set(file, (module = runInRealm(file, readFileSync(file, 'utf8'))));
      return module.exports;
    };
    require.resolve = resolve;
    return require;
  };
  const runInRealm = (file: string, text: string, script?: vm.Script): { exports: unknown } => {
    const module = runInContext('({ exports: {} })', context) as { exports: unknown };
    const fn = script
      ? (script.runInContext(context) as (...a: unknown[]) => void)
      : (compileFunction(text, WRAPPER_PARAMS, { filename: file, parsingContext: context }) as (...a: unknown[]) => void);
    fn.call(module.exports, module.exports, requireFrom(file), module, file, dirname(file), process, RealBuffer, codec.TextEncoder, codec.TextDecoder);
    return module;
  };
  const { script, codeFile } = cachedScript(bundle, `${WRAPPER_START}${readFileSync(bundle, 'utf8')}\n})`, cacheDir);
  const { realmApi } = runInRealm(bundle, '', script).exports as { realmApi: RealmApi };
  if (!codeFile) return realmApi;
  // V8's code is kept once the first file is instrumented (the functions compiled for it are then in it)
  let kept = false;
  const { prepareModuleOnce } = realmApi;
  return {
    ...realmApi,
    prepareModuleOnce(source, file, format, races, runDir, cacheDir) {
      try {
        return prepareModuleOnce(source, file, format, races, runDir, cacheDir);
      } finally {
        if (!kept) {
          kept = true;
          realmApi.writeWhole(codeFile, script.createCachedData());
        }
      }
    },
  };
}
