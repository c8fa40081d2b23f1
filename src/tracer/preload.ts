// Loaded with --require into the user's Node process. Node also runs preloads on worker threads (its own ESM loader
// thread among them, and every Worker the program starts); the tracer belongs to the program's main thread only, so
// this file is small and the tracer (runtime.cjs, with the instrumenter) is loaded on the main thread alone.
//
// Compiling runtime.cjs (a few hundred kB) is most of the tracer's start-up, so V8's code for it is kept in the
// persistent cache folder (instrument/cache.ts) and handed back to V8 the next time: V8 checks that it was made from
// the same source by the same V8 with the same flags, and compiles anew when not (the cache is then rewritten).
// runtime.cjs is run as CommonJS runs it, and like this file stays out of require.cache.
import { isMainThread, threadId } from 'node:worker_threads';
import fs from 'node:fs';
import { join, dirname } from 'node:path';
import { Script } from 'node:vm';
import Module from 'node:module';
import { leaveRequireCache } from './process-view';
import { CONFIG_ENV } from './config';

// taken now: the tracer wraps some of fs's writes once installed
const { readFileSync, writeFileSync, renameSync, mkdirSync } = fs;

leaveRequireCache(__filename);
if (isMainThread) {
  const { runtime, keepCode } = loadRuntime();
  runtime.install();
  keepCode?.(); // after install(): V8's code then holds the functions start-up compiled too
}

function loadRuntime(): { runtime: typeof import('./runtime'); keepCode?: () => void } {
  const file = join(__dirname, 'runtime.cjs');
  let cacheDir: string | undefined;
  try {
    cacheDir = (JSON.parse(process.env[CONFIG_ENV] ?? '{}') as { cacheDir?: string }).cacheDir;
  } catch {
    // install() says what is wrong with the configuration
  }
  const codeFile = cacheDir && join(cacheDir, `v8-runtime-${process.version}-${process.arch}.bin`);
  let cachedData: Buffer | undefined;
  try {
    if (codeFile) cachedData = readFileSync(codeFile);
  } catch {
    // not made yet
  }
  const script = new Script((Module as unknown as { wrap: (s: string) => string }).wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = { exports: {} as typeof import('./runtime') };
  (script.runInThisContext() as (...a: unknown[]) => void).call(module.exports, module.exports, require, module, file, __dirname);
  if (!codeFile || (cachedData && !script.cachedDataRejected)) return { runtime: module.exports };
  return {
    runtime: module.exports,
    keepCode() {
      // written whole, then renamed (another run may read it meanwhile); a cache that cannot be written costs only time
      const partial = `${codeFile}.${process.pid}-${threadId}.tmp`;
      try {
        mkdirSync(dirname(codeFile), { recursive: true });
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, codeFile);
      } catch {
        /* only costs time */
      }
    },
  };
}
