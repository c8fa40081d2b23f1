// rule: a CommonJS program that first reaches import() mid-run (a module required late) sees nothing of it start
// No worker event, no listeners or 'pipe' on stdout and stderr, and no tick left pending: the microtasks after the
// require drain as they would untraced (from V8's checkpoint, not inside processTicksAndRejections).
const seen = [];
process.on('worker', () => seen.push('process worker event'));
for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]]) {
  stream.on('newListener', (event) => seen.push(`${name} newListener ${String(event)}`));
  stream.on('pipe', () => seen.push(`${name} pipe`));
}
const counts = () => ['error', 'close', 'finish', 'unpipe'].map((e) => process.stdout.listenerCount(e) + process.stderr.listenerCount(e)).join(',');
const before = counts();

setTimeout(() => {
  const late = require('./late.js');
  Promise.resolve().then(() => {
    console.log('microtask drained inside processTicksAndRejections:', new Error().stack.includes('processTicksAndRejections'));
  });
  late.load().then((value) => {
    console.log('imported:', value);
    console.log('listener counts unchanged:', counts() === before);
    console.log('seen:', JSON.stringify(seen));
  });
}, 5);
