// After the join of several loops: their steps in one order a person can follow. Each loop's steps keep their own
// order; the loops' runs of steps (a task's consecutive steps) are interleaved so that a message's receiving task
// always comes after the task that sent it, whatever the clocks said. Between runs that no message orders, the one
// whose task started first goes first (so what no message links is shown roughly as it happened).
import type { Trace } from '../core/trace-format';

/** Reorder `trace.steps` (in place, with every step reference) by message causality between loops. */
export function orderStepsByMessages(trace: Trace): void {
  const steps = trace.steps;
  if (steps.length === 0 || trace.threads.length < 2) return;
  const threadOfStep = (i: number) => trace.tasks[steps[i].task]?.thread ?? 0;

  // runs: maximal sequences of consecutive steps of one task, listed per loop in their order
  const runStart: number[] = [];
  const runEnd: number[] = [];
  const runOfStep = new Int32Array(steps.length);
  const byLoop = new Map<number, number[]>();
  for (let i = 0; i < steps.length; i++) {
    if (i === 0 || steps[i].task !== steps[i - 1].task) {
      runStart.push(i);
      runEnd.push(i);
      const loop = threadOfStep(i);
      if (!byLoop.has(loop)) byLoop.set(loop, []);
      byLoop.get(loop)!.push(runStart.length - 1);
    }
    runOfStep[i] = runStart.length - 1;
    runEnd[runEnd.length - 1] = i;
  }
  // a receiving run waits for the sending run
  const waitsFor = new Map<number, number[]>();
  for (const m of trace.messages) {
    if (m.to.step === null || m.from.thread === m.to.thread) continue;
    const to = runOfStep[m.to.step];
    if (!waitsFor.has(to)) waitsFor.set(to, []);
    waitsFor.get(to)!.push(runOfStep[m.from.step]);
  }

  const loops = [...byLoop.values()];
  const heads = loops.map(() => 0);
  const placed = new Uint8Array(runStart.length);
  const startTime = (run: number) => trace.tasks[steps[runStart[run]].task]?.startTime ?? 0;
  const ready = (run: number) => (waitsFor.get(run) ?? []).every((r) => placed[r] === 1);
  const order: number[] = [];
  for (;;) {
    let best = -1;
    let bestReady = false;
    for (let k = 0; k < loops.length; k++) {
      if (heads[k] >= loops[k].length) continue;
      const run = loops[k][heads[k]];
      const r = ready(run);
      // a ready run before any blocked one; among those, the earliest (a cycle, from a recording cut short, still ends)
      if (best < 0 || (r && !bestReady) || (r === bestReady && startTime(run) < startTime(loops[best][heads[best]]))) {
        best = k;
        bestReady = r;
      }
    }
    if (best < 0) break;
    const run = loops[best][heads[best]++];
    placed[run] = 1;
    order.push(run);
  }

  const newIndex = new Int32Array(steps.length);
  const reordered: typeof steps = [];
  for (const run of order) {
    for (let i = runStart[run]; i <= runEnd[run]; i++) {
      newIndex[i] = reordered.length;
      reordered.push(steps[i]);
    }
  }
  const at = (i: number) => newIndex[i];
  const maybe = <T extends number | null | undefined>(i: T): T => (typeof i === 'number' ? at(i) : i) as T;
  trace.steps = reordered;
  for (const t of trace.tasks) {
    t.startStep = at(t.startStep);
    t.endStep = at(t.endStep);
    t.enqueuedAt = maybe(t.enqueuedAt);
  }
  for (const c of trace.coroutines) {
    c.startStep = at(c.startStep);
    c.endStep = maybe(c.endStep);
    for (const a of c.awaits) {
      a.suspendStep = at(a.suspendStep);
      a.resumeStep = maybe(a.resumeStep);
    }
  }
  for (const q of trace.queueItems) {
    q.enterStep = at(q.enterStep);
    q.leaveStep = maybe(q.leaveStep);
  }
  for (const o of trace.output) o.step = at(o.step);
  for (const m of trace.messages) {
    m.from.step = at(m.from.step);
    m.to.step = maybe(m.to.step);
  }
  for (const f of trace.findings) {
    for (const s of f.sites) if (s.step !== undefined) s.step = at(s.step);
    if (f.steps) f.steps = { read: at(f.steps.read), suspend: maybe(f.steps.suspend), otherWrite: at(f.steps.otherWrite), staleWrite: maybe(f.steps.staleWrite) };
  }
}
