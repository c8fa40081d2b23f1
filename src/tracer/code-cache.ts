// Loading one of Loopscope's own bundles with V8's compiled code kept between runs. Compiling a bundle of a few
// hundred kB is most of the start-up of the CLI and of the tracer; V8 can hand back the code it made last time, which
// it checks against the source, its own version and its flags (compiling anew when they differ). The code is kept in
// the persistent cache folder (instrument/cache.ts). The bundle runs as CommonJS runs it, but stays out of
// require.cache (the tracer's must: the program sees require.cache as untraced).
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import Module from 'node:module';
import { writeWhole } from '../instrument/cache';

// taken when the tracer loads: the instrumenter's realm is made later, maybe after the program replaced them
const { readFileSync } = fs;
const { join, dirname, basename } = path;
const { Script } = vm;

/**
 * A script of `wrapped` (the text of the bundle `file`, wrapped in a function) with V8's code from an earlier run,
 * and `codeFile`, where to keep V8's code once the bundle has done its start-up (so the kept code holds the functions
 * compiled meanwhile), when there is new code to keep.
 */
export function cachedScript(file: string, wrapped: string, cacheDir: string | undefined): { script: vm.Script; codeFile?: string } {
  // per bundle path: V8 accepts code made for the same source from another install, and its functions then keep the
  // other path in stack traces (the tracer tells its own frames from the program's by their path)
  const codeFile = cacheDir && join(cacheDir, `v8-${basename(file)}-${pathHash(file)}-${process.version}-${process.arch}.bin`);
  let cachedData: Buffer | undefined;
  try {
    if (codeFile) cachedData = readFileSync(codeFile);
  } catch {
    // not made yet
  }
  const script = new Script(wrapped, { filename: file, cachedData });
  return { script, codeFile: !codeFile || (cachedData && !script.cachedDataRejected) ? undefined : codeFile };
}

/**
 * Run the CommonJS bundle `file` and return its exports, with `keepCode` to call once it has done its start-up when
 * there is new code to keep.
 */
export function loadBundle<T>(file: string, cacheDir: string | undefined, require: NodeJS.Require): { exports: T; keepCode?: () => void } {
  const { script, codeFile } = cachedScript(file, (Module as unknown as { wrap: (s: string) => string }).wrap(readFileSync(file, 'utf8')), cacheDir);
  const module = { exports: {} as T };
  (script.runInThisContext() as (...a: unknown[]) => void).call(module.exports, module.exports, require, module, file, dirname(file));
  return { exports: module.exports, keepCode: codeFile ? () => void writeWhole(codeFile, [script.createCachedData()]) : undefined };
}

/** A short hash of a path (FNV-1a), for file names: no crypto module to load at start-up. */
function pathHash(path: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}
