// Loaded with --require into the user's Node process, and by Node into each of its worker threads too: the tracer
// records the main thread and every worker (each its own recording). Node's own ESM loader thread (made by
// module.register) is a worker without a parentPort: never the program's, never traced.
import { parentPort, isMainThread } from 'node:worker_threads';
import { install } from './runtime';

if (isMainThread || parentPort !== null) install();
