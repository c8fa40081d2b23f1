// `return v`, `return await p` and `return p` cost different numbers of microtask ticks: watch the order change.
const p = Promise.resolve('value');

async function returnsValue() { return 'value'; }
async function returnsAwait() { return await p; }
async function returnsPromise() { return p; }

returnsPromise().then(() => console.log('return p       (2 extra ticks)'));
returnsAwait().then(() => console.log('return await p (1 extra tick)'));
returnsValue().then(() => console.log('return v       (no extra tick)'));
