// Loaded with --require into the user's Node process. Node also runs preloads on worker threads (its own ESM loader
// thread among them, and every Worker the program starts); the tracer belongs to the program's main thread only, so
// this file is small and the tracer (runtime.cjs, with the instrumenter) is loaded on the main thread alone.
import { isMainThread } from 'node:worker_threads';
import { leaveRequireCache } from './process-view';

leaveRequireCache(__filename);
if (isMainThread) (require('./runtime.cjs') as typeof import('./runtime')).install();
