// two passing tests, run by node --test from main.js
const test = require('node:test')
const assert = require('node:assert')
test('adds', () => assert.strictEqual(1 + 1, 2))
test('awaits', async () => { await null; assert.ok(true) })
