// The timeline's time axis and lane names on real traced runs: steps map to times that never go backwards and back
// to the same step, waits span from the suspension to the resuming task's start, and a server's coroutines are named
// after the requests they handled.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTraced } from '../../src/runner/run-traced';
import type { Trace } from '../../src/core/trace-format';
import { buildLanes, lanesInTime, laneNames, TimeAxis, IntervalIndex, type CoroutineLane } from '../../src/core/timeline-lanes';

const dir = mkdtempSync(join(tmpdir(), 'loopscope-timeline-time-'));
let server: Trace;
let two: Trace;

beforeAll(async () => {
  const source = readFileSync(resolve(__dirname, '../../examples/counter-server.mjs'), 'utf8');
  writeFileSync(join(dir, 'server.mjs'), source);
  server = (await runTraced({ entry: join(dir, 'server.mjs'), cwd: dir, stdio: 'pipe', requests: [{ method: 'GET', path: '/visit', repeat: 3 }] })).trace;
  writeFileSync(join(dir, 'two.js'), `const pause = (ms) => new Promise((r) => setTimeout(r, ms));
async function job(ms) { await pause(ms); return ms; }
Promise.all([job(5), job(15)]).then((r) => console.log(r));
`);
  two = (await runTraced({ entry: join(dir, 'two.js'), cwd: dir, stdio: 'pipe' })).trace;
}, 120_000);

describe('lane names', () => {
  it('a request handler is named after its request in order of arrival, and what it called after it', () => {
    const { names, order } = laneNames(server);
    const handlers = server.coroutines.filter((c) => c.name.startsWith('createServer callback'));
    expect(handlers.map((c) => names[c.id])).toEqual(['GET /visit #1', 'GET /visit #2', 'GET /visit #3']);
    const load1 = server.coroutines.find((c) => c.name === 'load#1')!;
    expect(names[load1.id]).toBe('GET /visit #1 › load');
    // each request's coroutines are listed together, the handler first
    const listed = order.map((id) => names[id]);
    expect(listed.slice(0, 3)).toEqual(['GET /visit #1', 'GET /visit #1 › load', 'GET /visit #1 › save']);
  });

  it('a program without requests keeps its coroutines’ own names, in call order', () => {
    const { names, order } = laneNames(two);
    expect(names).toEqual(two.coroutines.map((c) => c.name));
    expect(order).toEqual(two.coroutines.map((c) => c.id));
  });
});

describe('time axis', () => {
  it('step times never go backwards, and the step at a step’s time is that step', () => {
    for (const t of [server, two]) {
      const axis = new TimeAxis(t);
      let prev = 0;
      for (let s = 0; s < t.steps.length; s++) {
        const at = axis.stepTime(s);
        expect(at).toBeGreaterThanOrEqual(prev);
        prev = at;
        const task = t.tasks[t.steps[s].task];
        // within a task whose duration is long enough to tell its steps apart, the time maps back to the step
        if (task.duration >= 4 * (task.endStep - task.startStep + 1)) expect(axis.stepAt((axis.stepTime(s) + axis.stepTime(s, true)) / 2)).toBe(s);
      }
      expect(axis.end).toBeGreaterThanOrEqual(prev);
    }
  });

  it('two concurrent awaits wait at the same time, the longer timer resuming later', () => {
    const axis = new TimeAxis(two);
    const lanes = lanesInTime(two, buildLanes(two), axis).filter((l): l is CoroutineLane => l.kind === 'coroutine');
    const [a, b] = lanes.map((l) => l.waits[0]);
    expect(a.from < b.to && b.from < a.to).toBe(true);
    // not "as long as its timer": Node counts a timer from the loop's cached time, which during the main script is
    // that of the loop's start, so on a loaded machine the 5 ms timer fired 3.4 ms after its setTimeout call
    expect(a.to - a.from).toBeGreaterThan(0);
    expect(b.to).toBeGreaterThan(a.to);
    // a wait ends where the task that resumed the coroutine started
    const c = two.coroutines[lanes[0].coroutine];
    expect(a.to).toBe(two.tasks[c.awaits[0].resumeTask!].startTime - axis.t0);
  });
});

describe('IntervalIndex', () => {
  it('finds exactly the intervals that meet a window, whatever their order and lengths', () => {
    // a seeded mix: short intervals, a few long ones, reversed ends, points, and empty ones (lo > hi)
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const lo: number[] = [];
    const hi: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const a = rnd() * 1000;
      const len = i % 97 === 0 ? rnd() * 800 : i % 50 === 0 ? 0 : rnd() * 5;
      if (i % 333 === 0) {
        lo.push(Infinity);
        hi.push(-Infinity);
      } else {
        lo.push(a);
        hi.push(a + len);
      }
    }
    const index = new IntervalIndex(lo, hi);
    for (let w = 0; w < 200; w++) {
      const from = rnd() * 1100 - 50;
      const to = from + rnd() * 60;
      const expected = lo.map((_, i) => i).filter((i) => lo[i] <= to && hi[i] >= from);
      expect(index.meeting(from, to).sort((a, b) => a - b)).toEqual(expected);
    }
  });
});
