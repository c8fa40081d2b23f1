// fastify's own test files (node:test, standard style), loaded into one process from the copy under .work/vendor:
// hooks (callback and async), async/await handlers, promises, inject, route hooks, plugin registration, decorators,
// errors thrown and rejected, error handlers, AsyncLocalStorage and async_hooks. Run with NODE_OPTIONS=--test-reporter=./reporter.mjs (the test
// does), which prints each test's name and result and nothing that changes between runs.
'use strict'

const files = [
  'hooks-async.test.js',
  'async-await.test.js',
  'promises.test.js',
  'wrap-thenable.test.js',
  'inject.test.js',
  'route-hooks.test.js',
  'hooks.on-ready.test.js',
  'register.test.js',
  'chainable.test.js',
  'decorator-instance-properties.test.js',
  'encapsulated-error-handler.test.js',
  'custom-parser-async.test.js',
  '500s.test.js',
  'throw.test.js',
  'request-error.test.js',
  'als.test.js',
  'async_hooks.test.js'
]

for (const file of files) require(`../.work/vendor/fastify/test/${file}`)
