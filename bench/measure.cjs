// Preloaded (through NODE_OPTIONS) into every process of a benchmark run, traced and untraced alike: on exit it
// appends the process's wall time and peak memory to the file named by LOOPSCOPE_BENCH_OUT.
const { appendFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');
const out = process.env.LOOPSCOPE_BENCH_OUT;
if (out && isMainThread) {
  process.on('exit', () => {
    const role = process.argv.some((a) => a.endsWith('cli.cjs')) ? 'cli' : 'program';
    appendFileSync(out, `${JSON.stringify({ role, ms: performance.now(), maxRssKb: process.resourceUsage().maxRSS })}\n`);
  });
}
