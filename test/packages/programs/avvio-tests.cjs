// avvio's own test files (node:test, standard style): fastify's plugin loader, a graph of callbacks, promises,
// thenables and timers, loaded into one process from the copy under .work/vendor. Left out: the three that race a
// 10 ms plugin timeout against the clock (plugin-timeout*, on-ready-timeout-await) and the one that spawns `node -e`
// (events-listeners). Run with NODE_OPTIONS=--test-reporter=./reporter.mjs (the test does).
'use strict'

const files = [
  'after-and-ready.test.js',
  'after-pass-through.test.js',
  'after-self-promise.test.js',
  'after-throw.test.js',
  'after-use-after.test.js',
  'async-await.test.js',
  'await-after.test.js',
  'await-self.test.js',
  'await-use.test.js',
  'basic.test.js',
  'callbacks.test.js',
  'catch-override-exception.test.js',
  'chainable.test.js',
  'close.test.js',
  'errors.test.js',
  'esm.test.js',
  'expose.test.js',
  'load-plugin.test.js',
  'no-done.test.js',
  'override.test.js',
  'plugin-loaded-so-far.test.js',
  'plugin-name.test.js',
  'plugin.test.js',
  'pretty-print.test.js',
  'reentrant.test.js',
  'symbol-async-dispose.test.js',
  'to-json.test.js',
  'twice-done.test.js',
  'gh-issues/bug-205.test.js',
  'gh-issues/fastify-6843.test.js',
  'lib/create-promise.test.js',
  'lib/execute-with-thenable.test.js',
  'lib/get-plugin-name.test.js',
  'lib/is-bundled-or-typescript-plugin.test.js',
  'lib/is-promise-like.test.js',
  'lib/thenify.test.js',
  'lib/time-tree.test.js',
  'lib/validate-plugin.test.js'
]

for (const file of files) require(`../.work/vendor/avvio/test/${file}`)
