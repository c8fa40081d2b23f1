// Loaded with --require into the user's Node process, and by Node into each of its worker threads too: the tracer
// records the main thread and every worker (each its own recording). Node's own ESM loader thread (made by
// module.register) is a worker without a parentPort: never the program's, never traced, so this file is small and
// the tracer (runtime.cjs, with the instrumenter) is not loaded there. On the main thread V8's code for runtime.cjs is
// kept between runs (code-cache.ts). Like runtime.cjs, this file stays out of require.cache.
import { parentPort, isMainThread } from 'node:worker_threads';
import { join } from 'node:path';
import { leaveRequireCache } from './process-view';
import { CONFIG_ENV } from './config';
import { loadBundle } from './code-cache';

leaveRequireCache(__filename);
if (isMainThread || parentPort !== null) {
  let cacheDir: string | undefined;
  try {
    // a worker's configuration comes in environment data (see runtime.ts); the main thread's names the cache
    if (isMainThread) cacheDir = (JSON.parse(process.env[CONFIG_ENV] ?? '{}') as { cacheDir?: string }).cacheDir;
  } catch {
    // install() says what is wrong with the configuration
  }
  const runtime = loadBundle<typeof import('./runtime')>(join(__dirname, 'runtime.cjs'), cacheDir, require);
  runtime.exports.install();
  runtime.keepCode?.();
}
