// The drivers and what each needs: `vendor` names the packages copied out of node_modules for it (see vendor.mjs);
// `nodeTest` drivers load the package's own node:test files and print through programs/reporter.mjs.
export const cases = [
  { name: 'p-queue', driver: 'p-queue.mjs', vendor: ['p-queue'] },
  { name: 'p-limit', driver: 'p-limit.mjs', vendor: ['p-limit'] },
  { name: 'p-retry', driver: 'p-retry.mjs', vendor: ['p-retry'] },
  { name: 'emittery', driver: 'emittery.mjs', vendor: ['emittery'] },
  { name: 'eventemitter3', driver: 'eventemitter3.cjs', vendor: ['eventemitter3'] },
  { name: 'async', driver: 'async.cjs', vendor: ['async'] },
  { name: 'rxjs', driver: 'rxjs.cjs', vendor: ['rxjs'] },
  { name: 'fastq', driver: 'fastq.cjs', vendor: ['fastq'] },
  { name: 'express', driver: 'express.cjs', vendor: ['express'] },
  { name: 'fastify examples', driver: 'fastify-examples.cjs', vendor: ['fastify'] },
  { name: 'fastify tests', driver: 'fastify-tests.cjs', vendor: ['fastify'], nodeTest: true },
  { name: 'avvio tests', driver: 'avvio-tests.cjs', vendor: ['avvio'], nodeTest: true }
]
