// 10,000 timers with spread-out delays, each doing a little work.
const N = Number(process.env.BENCH_N ?? 10_000);
let fired = 0;
for (let i = 0; i < N; i++) setTimeout(() => { fired++; if (fired === N) console.log('fired', fired); }, i % 20);
