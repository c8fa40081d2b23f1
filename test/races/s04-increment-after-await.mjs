// No race: three workers count completed jobs with `completed++` done entirely after each await, in one synchronous step.
// expect: none
import { setTimeout as sleep } from 'node:timers/promises';

let completed = 0;

async function worker(jobs, ms) {
  for (let i = 0; i < jobs; i++) {
    await sleep(ms);
    completed++;
  }
}

await Promise.all([worker(2, 10), worker(2, 25), worker(1, 45)]);
console.log(`completed jobs: ${completed} (5 submitted)`);
