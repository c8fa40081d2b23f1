// Loaded with --require into the user's Node process. Node also runs preloads on worker threads (its own ESM loader
// thread among them, and every Worker the program starts); the tracer belongs to the program's main thread only, so
// this file is small and the tracer (runtime.cjs, with the instrumenter) is loaded on the main thread alone, with
// V8's code for it kept between runs (code-cache.ts). Like runtime.cjs, this file stays out of require.cache.
import { isMainThread } from 'node:worker_threads';
import { join } from 'node:path';
import { leaveRequireCache } from './process-view';
import { CONFIG_ENV } from './config';
import { loadBundle } from './code-cache';

leaveRequireCache(__filename);
if (isMainThread) {
  let cacheDir: string | undefined;
  try {
    cacheDir = (JSON.parse(process.env[CONFIG_ENV] ?? '{}') as { cacheDir?: string }).cacheDir;
  } catch {
    // install() says what is wrong with the configuration
  }
  const runtime = loadBundle<typeof import('./runtime')>(join(__dirname, 'runtime.cjs'), cacheDir, require);
  runtime.exports.install();
  runtime.keepCode?.();
}
