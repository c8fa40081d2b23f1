// Loaded with --require into the user's Node process. Node also runs preloads on worker threads (its own ESM loader
// thread among them); the tracer belongs to the program's main thread only.
import { isMainThread } from 'node:worker_threads';
import { install } from './runtime';

if (isMainThread) install();
