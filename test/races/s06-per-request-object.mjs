// No race: each request builds its own context object and does read-await-write on it; no other coroutine can reach it.
// expect: none
import { setTimeout as sleep } from 'node:timers/promises';

class RequestContext {
  constructor(id) {
    this.id = id;
    this.steps = 0;
  }
}

async function handle(id, ms) {
  const ctx = new RequestContext(id);
  for (const stage of ['auth', 'load', 'render']) {
    const steps = ctx.steps;
    await sleep(ms);
    ctx.steps = steps + 1;
    ctx.lastStage = stage;
  }
  return ctx;
}

const [a, b] = await Promise.all([handle('a', 10), handle('b', 25)]);
console.log(`request ${a.id}: ${a.steps} steps, ended at ${a.lastStage}`);
console.log(`request ${b.id}: ${b.steps} steps, ended at ${b.lastStage}`);
