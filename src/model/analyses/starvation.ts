// Starvation: a timer ran well after it was due, and the time in between went to microtasks and nextTicks that kept
// queueing more (the loop cannot reach the timers phase until those queues are empty).
import type { Finding, Task } from '../../core/trace-format';
import { findingSite, type AnalysisInput } from './input';

export function starvation({ trace, options }: AnalysisInput): Finding[] {
  for (const item of trace.queueItems) {
    if (item.queue !== 'timer' || item.task === null || item.due === undefined) continue;
    const t = trace.tasks[item.task];
    const lateMs = (t.startTime - item.due) / 1000;
    if (lateMs < options.starvationMs) continue;
    let busy = 0;
    let worst: Task | null = null;
    for (const o of trace.tasks) {
      if ((o.queue !== 'microtask' && o.queue !== 'nextTick') || o.startTime < item.due || o.startTime >= t.startTime) continue;
      busy += o.duration;
      if (!worst || o.duration > worst.duration) worst = o;
    }
    if (busy / 1000 < lateMs * 0.8) continue;
    // one is enough to say it; the rest follow from the same cause
    return [
      {
        kind: 'starvation',
        message: `A timer (${t.label}) ran ${Math.round(lateMs)} ms late: the microtask and nextTick queues never ran empty in between, so the event loop could not reach its timers. Yield to the loop now and then (await a setImmediate or setTimeout) instead of chaining promise callbacks or nextTicks without end.`,
        sites: [...findingSite(item.source, 'starved-timer', t.startStep), ...findingSite(worst?.source, 'starving-callback', worst?.startStep)],
      },
    ];
  }
  return [];
}
