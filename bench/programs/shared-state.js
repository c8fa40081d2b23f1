// Shared state across awaits: N async calls each read a module-level counter and an object's field, await, and write
// them back (the race detector's worst case: every access is recorded).
const N = Number(process.env.BENCH_N ?? 50_000);
let total = 0;
const stats = { hits: 0, bytes: 0 };
async function work(i) {
  const seen = total;
  await null;
  total = seen + 1;
  stats.hits += 1;
  await Promise.resolve(i);
  stats.bytes = stats.bytes + i;
  return i;
}
(async () => {
  for (let b = 0; b < N; b += 1000) {
    const batch = [];
    for (let i = b; i < Math.min(N, b + 1000); i++) batch.push(work(i));
    await Promise.all(batch);
  }
  console.log('done', total > 0, stats.hits);
})();
