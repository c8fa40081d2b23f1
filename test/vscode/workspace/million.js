// About a million events: coroutines awaiting promise chains, nextTicks, immediates and timers (the panel must not hang).
const N = 27_000; // about a million recorded events
const tick = () => new Promise((resolve) => process.nextTick(resolve));
async function step(i) {
  await tick();
  const v = await Promise.resolve(i).then((x) => x * 2);
  if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
  return v;
}
(async () => {
  let sum = 0;
  for (let b = 0; b < N; b += 500) {
    const batch = [];
    for (let i = b; i < Math.min(N, b + 500); i++) batch.push(step(i));
    for (const v of await Promise.all(batch)) sum += v;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  console.log('sum', sum);
})();
