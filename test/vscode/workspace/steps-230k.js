// About 230,000 steps: 29,000 async calls with two awaits each, in batches of 1,000 under Promise.all.
const N = 29_000;
async function work(i) {
  await null;
  await Promise.resolve(i);
  return i;
}
(async () => {
  let sum = 0;
  for (let b = 0; b < N; b += 1000) {
    const batch = [];
    for (let i = b; i < Math.min(N, b + 1000); i++) batch.push(work(i));
    for (const v of await Promise.all(batch)) sum += v;
  }
  console.log('sum', sum);
})();
