// 2,000 reads of a small file through fs.promises, 50 at a time.
const fs = require('node:fs');
const N = Number(process.env.BENCH_N ?? 2_000);
(async () => {
  let bytes = 0;
  for (let b = 0; b < N; b += 50) {
    const batch = [];
    for (let i = b; i < Math.min(N, b + 50); i++) batch.push(fs.promises.readFile(__filename));
    for (const buf of await Promise.all(batch)) bytes += buf.length;
  }
  console.log('read', bytes > 0);
})();
