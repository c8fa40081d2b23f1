// About 230,000 steps: the benchmark's await-heavy program with 29,000 async calls (two awaits each).
process.env.BENCH_N = '29000';
require('../../../bench/programs/awaits.js');
