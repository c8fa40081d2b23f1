// one failing test, run by node --test from main.js
const test = require('node:test')
const assert = require('node:assert')
test('fails', () => assert.strictEqual(1, 2))
