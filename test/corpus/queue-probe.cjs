// Annotation probe for the fidelity corpus (not a corpus program).
// Preloaded with `node --require ./queue-probe.cjs prog` by verify-plain.mjs:
// every console.log/error/warn/info and process.stdout/stderr.write call is
// recorded as {file, line, queue}, where queue is derived independently of
// the Loopscope tracer, from async_hooks (the type of the resource whose
// callback is running) plus the JS stack (entry-module evaluation = main,
// libuv close callbacks = close). One JSON line per print is appended to the
// file named by LOOPSCOPE_CORPUS_PROBE.
'use strict';
const asyncHooks = require('node:async_hooks');
const fs = require('node:fs');

const out = process.env.LOOPSCOPE_CORPUS_PROBE;
const types = new Map();
const running = [];

asyncHooks
  .createHook({
    init(id, type) {
      types.set(id, type);
    },
    before(id) {
      running.push(types.get(id) || 'UNKNOWN');
    },
    after() {
      running.pop();
    },
    destroy(id) {
      types.delete(id);
    },
  })
  .enable();

const HANDLE_TYPES = new Set(['TCPWRAP', 'PIPEWRAP', 'TCPSERVERWRAP', 'PIPESERVERWRAP', 'UDPWRAP', 'TTYWRAP', 'PROCESSWRAP']);

function queueOf(frames) {
  // Entry-module evaluation (CJS Module._compile or ESM ModuleJob.run/runSync).
  if (frames.some((f) => /\(node:internal\/modules\/(cjs\/loader|esm\/module_job)/.test(f))) return 'main';
  const top = running[running.length - 1];
  if (top === undefined) return 'main';
  switch (top) {
    case 'TickObject':
      return 'nextTick';
    case 'PROMISE':
    case 'Microtask':
      return 'microtask';
    case 'Timeout':
      return 'timer';
    case 'Immediate':
      return 'immediate';
    default: {
      if (HANDLE_TYPES.has(top)) {
        // A handle close callback (uv_close -> HandleWrap::OnClose) is the
        // anonymous callback that net.Socket#_destroy passes to handle.close().
        const user = frames.filter((f) => !/callbackTrampoline/.test(f));
        const bottom = user[user.length - 1] || '';
        if (/^at (TCP|Pipe)\.<anonymous> \(node:net:/.test(bottom)) return 'close';
      }
      return 'io';
    }
  }
}

const LOC = /\(?((?:file:\/\/)?\/[^()]*?):(\d+):(\d+)\)?$/;
let busy = false;

function record() {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100;
  const stack = new Error().stack;
  Error.stackTraceLimit = limit;
  const frames = stack
    .split('\n')
    .slice(1)
    .map((l) => l.trim());
  let file = null;
  let line = 0;
  for (const f of frames) {
    if (f.includes(__filename)) continue;
    const m = LOC.exec(f);
    if (!m) continue;
    file = m[1].startsWith('file://') ? require('node:url').fileURLToPath(m[1]) : m[1];
    line = Number(m[2]);
    break;
  }
  const rec = { file, line, queue: queueOf(frames), hook: running[running.length - 1] || null };
  if (out) fs.appendFileSync(out, JSON.stringify(rec) + '\n');
}

function wrap(obj, name) {
  const orig = obj[name];
  obj[name] = function (...args) {
    if (busy) return orig.apply(this, args);
    busy = true;
    try {
      record();
    } catch {
      // never break the program under test
    }
    try {
      return orig.apply(this, args);
    } finally {
      busy = false;
    }
  };
}

for (const m of ['log', 'error', 'warn', 'info']) wrap(console, m);
wrap(process.stdout, 'write');
wrap(process.stderr, 'write');
